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
