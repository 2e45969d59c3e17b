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
