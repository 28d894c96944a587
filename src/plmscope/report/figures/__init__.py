"""Report figures: the night at a glance, IMI histograms, zoom panels (matplotlib, inline SVG)."""
