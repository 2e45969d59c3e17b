// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Sign-up: show "Organization name" only for people who represent an organization.
  function toggleOrganizationName() {
    var group = document.getElementById("id_organization_name-group");
    var choice = document.querySelector('input[name="account_type"]:checked');
    if (!group || !choice) return;
    var isOrganization = choice.value !== "seeker";
    group.hidden = !isOrganization;
    document.getElementById("id_organization_name").required = isOrganization;
  }

  document.addEventListener("change", function (event) {
    if (event.target && event.target.name === "account_type") toggleOrganizationName();
  });
  document.addEventListener("DOMContentLoaded", toggleOrganizationName);
})();

// ==== Job seekers: skill picker (templates/seekers/_skill_picker.html) ====
// htmx leaves 4xx answers unswapped; regions marked data-htmx-errors="swap" show the message
// the server sent with its 400 instead (a bad level, an unknown skill).
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    if (!detail || !detail.xhr || detail.xhr.status !== 400 || !detail.target) return;
    if (detail.target.closest && detail.target.closest('[data-htmx-errors="swap"]')) {
      detail.shouldSwap = true;
      detail.isError = false;
    }
  });
})();
// ==== end job seekers ====

// ==== Skill picker of employers' and providers' forms (templates/skills/_skills_field.html) ====
// Without this the picker still works: every skill is in the category sections. With it, the
// search shows, Enter in it doesn't send the whole form, and a skill ticked in the results or
// the sections joins the "Chosen" list (so a new search doesn't take it away).
(function () {
  "use strict";
  function fieldOf(element) {
    return element.closest ? element.closest("[data-skills-field]") : null;
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-skills-search]").forEach(function (search) {
      search.hidden = false;
    });
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key === "Enter" && target.matches && target.matches("[data-skills-search] input")) {
      event.preventDefault();
    }
  });
  document.addEventListener("change", function (event) {
    var box = event.target;
    var field = fieldOf(box);
    if (!field || box.type !== "checkbox" || !box.checked) return;
    if (box.closest("[data-skills-chosen]")) return;
    var chosen = field.querySelector("[data-skills-chosen]");
    var none = chosen.querySelector("[data-skills-none]");
    if (none) none.remove();
    // One checkbox per skill: drop its twins in the results and the sections.
    field.querySelectorAll('input[type="checkbox"][value="' + box.value + '"]').forEach(function (twin) {
      if (twin !== box) twin.closest(".usa-checkbox").remove();
    });
    var wrapper = box.closest(".usa-checkbox");
    var label = field.querySelector('label[for="' + box.id + '"]');
    var item = document.createElement("li");
    item.className = "usa-checkbox";
    item.appendChild(box);
    if (label) item.appendChild(label);
    chosen.appendChild(item);
    if (wrapper) wrapper.remove();
    box.focus();
  });
})();
// ==== end skill picker ====
