/* plmscope web app: upload with progress, follow a night's scoring, save notes/diary, the
   questionnaire (which questions apply comes from the server). Plain JavaScript, no library,
   nothing from the network. */
"use strict";
(function () {
  const $ = (sel, root) => (root || document).querySelector(sel);
  const $$ = (sel, root) => Array.from((root || document).querySelectorAll(sel));
  const ACCELEROMETER = /\.(gt3x|cwa|bin|csv)$/i;
  const STAGES = { reading: "Reading the recording", detecting: "Finding the leg movements", scoring: "Scoring the movements", done: "Finishing" };

  async function api(method, url, body) {
    const options = { method: method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (e) {
      throw new Error("the server cannot be reached (is 'plmscope serve' still running?)");
    }
    let data = null;
    if (response.status !== 204) {
      try { data = await response.json(); } catch (e) { data = null; }
    }
    if (!response.ok) {
      const error = new Error((data && data.error) || "the server answered " + response.status);
      error.data = data;
      throw error;
    }
    return data;
  }

  function say(element, text, bad) {
    if (!element) return;
    element.textContent = text;
    element.classList.toggle("bad", !!bad);
  }

  function size(bytes) {
    if (bytes >= 1073741824) return (bytes / 1073741824).toFixed(1) + " GB";
    if (bytes >= 1048576) return (bytes / 1048576).toFixed(1) + " MB";
    return Math.max(1, Math.round(bytes / 1024)) + " KB";
  }

  function rate(value) {
    return value === null || value === undefined ? "–" : value.toFixed(1) + "/h";
  }

  function element(tag, className, text) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  }

  /* --- upload ------------------------------------------------------------------------- */
  function initUpload() {
    const form = $("#upload-form");
    if (!form) return;
    const input = $("#file"), zone = $("#dropzone"), chosen = $("#chosen"), legs = $("#legs");
    const limit = Number(form.dataset.maxUpload);

    function listFiles() {
      chosen.textContent = "";
      const files = Array.from(input.files);
      const accelerometer = files.length > 0 && files.every((f) => ACCELEROMETER.test(f.name));
      files.forEach((file, i) => {
        const item = element("li", "", file.name + " (" + size(file.size) + ")");
        if (accelerometer) {
          const select = element("select");
          select.dataset.leg = String(i);
          select.setAttribute("aria-label", "Which leg wore " + file.name);
          ["left", "right"].forEach((leg) => {
            const option = element("option", "", leg + " leg");
            option.value = leg;
            select.appendChild(option);
          });
          select.value = i === 0 ? "left" : "right";
          item.appendChild(document.createTextNode(" — "));
          item.appendChild(select);
        }
        chosen.appendChild(item);
      });
    }

    input.addEventListener("change", listFiles);
    ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.add("over"); }));
    ["dragleave", "drop"].forEach((name) => zone.addEventListener(name, (e) => { e.preventDefault(); zone.classList.remove("over"); }));
    zone.addEventListener("drop", (e) => {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        listFiles();
      }
    });
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const files = Array.from(input.files);
      const item = uploadItem(files.map((f) => f.name).join(" + ") || "no file");
      if (!files.length) return item.fail("Choose the night's file first.");
      const total = files.reduce((sum, f) => sum + f.size, 0);
      if (total > limit) return item.fail("The file is larger than this server's limit of " + size(limit) + ".");
      legs.value = $$("select[data-leg]", chosen).map((s) => s.value).join(",");
      const data = new FormData(form);
      if (!legs.value) data.delete("legs");
      send(data, item);
      form.reset();
      chosen.textContent = "";
    });
  }

  function uploadItem(name) {
    const box = element("div", "upload-item");
    box.appendChild(element("p", "upload-name", name));
    const bar = element("progress");
    bar.max = 1;
    bar.value = 0;
    box.appendChild(bar);
    const status = element("p", "upload-status", "Uploading…");
    box.appendChild(status);
    $("#uploads").prepend(box);
    return {
      box: box, bar: bar, status: status,
      fail(text) { bar.remove(); box.classList.add("failed"); say(status, text, true); },
    };
  }

  function send(data, item) {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/nights");
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      item.bar.value = 0.3 * e.loaded / e.total;
      say(item.status, "Uploading… " + Math.round((100 * e.loaded) / e.total) + "%");
    };
    request.onerror = () => item.fail("The upload did not reach the server (is 'plmscope serve' still running?).");
    request.onload = () => {
      let body = null;
      try { body = JSON.parse(request.responseText); } catch (e) { body = null; }
      if (request.status !== 202 || !body) {
        return item.fail((body && body.error) || "The server refused the upload (" + request.status + ").");
      }
      follow(body.id, item);
    };
    request.send(data);
  }

  function follow(id, item) {
    const tick = async () => {
      let night;
      try {
        night = await api("GET", "/api/nights/" + id);
      } catch (e) {
        return item.fail(e.message);
      }
      if (night.status === "done") {
        item.bar.value = 1;
        say(item.status, "Scored: PLMS index " + rate(night.plms_index) + ", LMS index " + rate(night.lms_index) + ". ");
        const link = element("a", "button primary open-report", "Open the report");
        link.href = "/nights/" + id;
        item.status.appendChild(link);
        return;
      }
      if (night.status === "error") {
        item.fail(night.error || "This night could not be scored.");
        const link = element("a", "", " (the night's page)");
        link.href = "/nights/" + id;
        item.status.appendChild(link);
        return;
      }
      if (night.status === "queued") {
        item.bar.value = 0.3;
        say(item.status, "Waiting for a free worker…");
      } else {
        const progress = night.progress || {};
        item.bar.value = 0.3 + 0.7 * (progress.fraction || 0);
        say(item.status, (STAGES[progress.stage] || "Scoring") + "…");
      }
      setTimeout(tick, 500);
    };
    tick();
  }

  /* --- a night that is being scored --------------------------------------------------- */
  function initNightStatus() {
    const box = $("#night-status");
    if (!box || box.dataset.status === "error" || box.dataset.status === "done") return;
    const id = box.dataset.nightId;
    const tick = async () => {
      let night;
      try { night = await api("GET", "/api/nights/" + id); } catch (e) { return say($("#stage-text"), e.message, true); }
      if (night.status === "done" || night.status === "error") return window.location.reload();
      const progress = night.progress || {};
      say($("#stage-text"), night.status === "queued" ? "Waiting for a free worker…" : (STAGES[progress.stage] || "Scoring") + "…");
      $("#stage-bar").value = progress.fraction || 0;
      setTimeout(tick, 700);
    };
    setTimeout(tick, 500);
  }

  /* --- notes, diary, date, delete, re-score, print ------------------------------------ */
  function diaryValues(form) {
    const values = {};
    $$("select, input", form).forEach((field) => {
      if (!field.name || field.value === "") return;
      if (field.dataset.type === "bool") values[field.name] = field.value === "true";
      else if (field.dataset.type === "int") values[field.name] = Number(field.value);
      else values[field.name] = field.value;
    });
    return values;
  }

  function onSubmit(selector, handler) {
    $$(selector).forEach((form) => form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const status = $(".saved", form);
      say(status, "Saving…");
      try {
        await handler(form);
        say(status, "Saved.");
      } catch (error) {
        say(status, error.message, true);
      }
    }));
  }

  function initNightPanel() {
    onSubmit(".notes-form", (form) => api("PUT", "/api/nights/" + form.dataset.nightId + "/notes", { notes: $("textarea", form).value }));
    onSubmit(".diary-form", (form) => api("PUT", "/api/nights/" + form.dataset.nightId + "/diary", diaryValues(form)));
    onSubmit(".date-form", (form) => api("PATCH", "/api/nights/" + form.dataset.nightId, { date: $("input", form).value || null }));
    $$("[data-delete-night]").forEach((button) => button.addEventListener("click", async () => {
      if (!window.confirm("Delete this night, with its result, notes, diary, answers and upload?")) return;
      try {
        await api("DELETE", "/api/nights/" + button.dataset.deleteNight);
        window.location.href = "/nights";
      } catch (error) {
        window.alert(error.message);
      }
    }));
    $$("[data-rescore]").forEach((button) => button.addEventListener("click", async () => {
      try {
        await api("POST", "/api/nights/" + button.dataset.rescore + "/rescore");
        window.location.reload();
      } catch (error) {
        window.alert(error.message);
      }
    }));
    $$("[data-print]").forEach((link) => link.addEventListener("click", (e) => { e.preventDefault(); window.print(); }));
    onSubmit("#no-device-form", async (form) => {
      const made = await api("POST", "/api/nights/without-recording", { date: $("input[name=date]", form).value || null });
      window.location.href = "/nights/" + made.id + "#diary";
    });
    onSubmit("#settings-form", (form) => api("PUT", "/api/settings", {
      keep_uploads: $("input[name=keep_uploads]", form).checked,
      show_identity: $("input[name=show_identity]", form).checked,
    }));
  }

  /* --- the questionnaire ---------------------------------------------------------------- */
  /* Which questions apply, and whether a reply fits, is the server's to say (POST
     /api/questions/check walks the bank as the terminal does): no second copy here. */
  function replyOf(question) {
    const kind = question.dataset.kind;
    if (kind === "yes_no" || kind === "choice") {
      const checked = $("input[type=radio]:checked", question);
      return checked && checked.value !== "" ? checked.value : undefined;
    }
    if (kind === "parts") {
      const ticked = $$("input[type=checkbox]:checked", question).map((box) => box.value);
      return ticked.length ? ticked : undefined;
    }
    if (kind === "items") {
      const scores = $$("select", question).map((s) => s.value);
      return scores.some((s) => s !== "") ? scores : undefined;
    }
    const text = $("input", question).value.trim();
    return text === "" ? undefined : text;
  }

  function initQuestionnaire() {
    const form = $("#questionnaire");
    if (!form) return;
    const questions = $$(".q", form);
    const touched = new Set();
    let asked = 0, timer = null;

    const replies = () => {  /* every reply: the server drops those to questions that do not apply */
      const found = {};
      questions.forEach((question) => {
        const reply = replyOf(question);
        if (reply !== undefined) found[question.dataset.qid] = reply;
      });
      return found;
    };

    const showProblem = (question, text) => say($(".q-error", question), text || "", !!text);

    const check = async () => {
      const mine = ++asked;
      let walk;
      try {
        walk = await api("POST", "/api/questions/check", { respondent: form.dataset.respondent, replies: replies() });
      } catch (error) {
        return;  // the page keeps what it shows; sending the answers reports the problem
      }
      if (mine !== asked) return;  // a later check is on its way
      const shown = new Set(walk.shown);
      questions.forEach((question) => {
        const id = question.dataset.qid;
        question.hidden = !shown.has(id);
        if (touched.has(id)) showProblem(question, walk.problems[id]);
      });
      form.dataset.checked = String(mine);
    };

    form.addEventListener("change", (e) => {
      const question = e.target.closest(".q");
      if (question) touched.add(question.dataset.qid);
      clearTimeout(timer);
      check();
    });
    form.addEventListener("input", (e) => {
      const question = e.target.closest(".q");
      if (question && e.target.type === "text") showProblem(question, "");  // judged again when the field is left
      clearTimeout(timer);
      timer = setTimeout(check, 300);
    });
    if (Object.keys(replies()).length) check();  // replies the browser restored (back, reload)

    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      clearTimeout(timer);
      $$(".q-error", form).forEach((p) => say(p, ""));
      say($(".form-error", form), "");
      const nightId = form.dataset.nightId ? Number(form.dataset.nightId) : null;
      try {
        const made = await api("POST", "/api/assessments", { night_id: nightId, respondent: form.dataset.respondent, replies: replies() });
        showAssessment(made.assessment);
      } catch (error) {
        const fields = (error.data && error.data.fields) || {};
        let first = null;
        Object.keys(fields).forEach((id) => {
          const question = $('.q[data-qid="' + id + '"]', form);
          if (question) {
            question.hidden = false;
            showProblem(question, fields[id]);
            first = first || question;
          }
        });
        say($(".form-error", form), error.message, true);
        if (first) first.scrollIntoView({ block: "center" });
      }
    });
  }

  function showAssessment(result) {
    const section = $("#assessment-result");
    const badge = $("#overall-badge");
    badge.textContent = result.overall_label;
    section.className = "assessment-result level-" + result.overall_level;
    say($("#plain-summary"), result.plain_summary);
    say($("#disclaimer"), result.disclaimer);
    const list = $("#findings");
    list.textContent = "";
    result.findings.forEach((finding) => {
      const item = element("li", "finding level-" + finding.level);
      const title = element("p", "finding-title");
      title.appendChild(element("span", "badge", finding.level_label));
      title.appendChild(document.createTextNode(" " + finding.title));
      item.appendChild(title);
      item.appendChild(element("p", "", finding.reason));
      if (finding.advice && finding.advice.length) {
        const advice = element("ul", "advice");
        finding.advice.forEach((a) => advice.appendChild(element("li", "", a)));
        item.appendChild(advice);
      }
      list.appendChild(item);
    });
    section.hidden = false;
    section.scrollIntoView({ block: "start" });
  }

  document.addEventListener("DOMContentLoaded", () => {
    initUpload();
    initNightStatus();
    initNightPanel();
    initQuestionnaire();
  });
})();
