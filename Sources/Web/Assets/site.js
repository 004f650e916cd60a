// Text-size control (A− / A / A+): scales the root font size and remembers the choice in this browser.
(function () {
  "use strict";
  var KEY = "motcua.textSize";
  var STEPS = [87.5, 100, 112.5, 125, 150, 175, 200];
  var DEFAULT_INDEX = 1;

  function stored() {
    try {
      var value = parseInt(window.localStorage.getItem(KEY), 10);
      return isNaN(value) || value < 0 || value >= STEPS.length ? DEFAULT_INDEX : value;
    } catch (e) {
      return DEFAULT_INDEX;
    }
  }

  function apply(index) {
    document.documentElement.style.fontSize = STEPS[index] + "%";
    document.documentElement.setAttribute("data-text-size", String(STEPS[index]));
  }

  function save(index) {
    try { window.localStorage.setItem(KEY, String(index)); } catch (e) { /* private mode: not remembered */ }
  }

  apply(stored());

  document.addEventListener("DOMContentLoaded", function () {
    var control = document.getElementById("text-size");
    if (!control) { return; }
    control.hidden = false;
    control.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-text-size]");
      if (!button) { return; }
      var index = stored();
      var action = button.getAttribute("data-text-size");
      if (action === "larger") { index = Math.min(index + 1, STEPS.length - 1); }
      else if (action === "smaller") { index = Math.max(index - 1, 0); }
      else { index = DEFAULT_INDEX; }
      save(index);
      apply(index);
    });
  });
})();

// Print buttons on official forms (no inline script: the CSP forbids it).
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) window.print();
});

// A page that shows a running job reloads itself until the job ends.
document.addEventListener("DOMContentLoaded", () => {
  const element = document.querySelector("[data-refresh-seconds]");
  const seconds = element ? Number(element.getAttribute("data-refresh-seconds")) : 0;
  if (seconds > 0) setTimeout(() => window.location.reload(), seconds * 1000);
});

// The main menu folds on phones behind its "Danh mục" button; the page the person is on keeps it readable.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".site-header .nav-toggle");
  const menu = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!toggle || !menu) return;
  toggle.hidden = false;
  toggle.closest("nav").classList.add("is-foldable");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("is-open", open);
  });
});

// Intake: choosing the procedure brings its papers checklist from the server (the same page, rendered for that
// procedure) into the form, without leaving the page or losing what was typed; without script, a button does it.
document.addEventListener("DOMContentLoaded", () => {
  const select = document.getElementById("procedure");
  const button = document.getElementById("show-papers");
  if (!select || !button) return;
  button.hidden = true;
  select.addEventListener("change", async () => {
    const response = await fetch(button.getAttribute("formaction") + "?procedure=" + encodeURIComponent(select.value), { credentials: "same-origin" });
    if (!response.ok) { button.hidden = false; return; }
    const fresh = new DOMParser().parseFromString(await response.text(), "text/html").querySelector(".papers-checklist");
    const current = document.querySelector(".papers-checklist");
    if (current) current.remove();
    if (fresh) select.closest(".field").after(document.adoptNode(fresh));
  });
});
