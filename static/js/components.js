// The behaviour of the two USWDS components that need JavaScript here: the header's menu
// button (phones and tablets) and the accordion. It stands in for uswds.min.js, which bundles
// every component's script (date pickers, modals, tooltips…) whatever the page uses.
// Progressive enhancement: without it accordion sections stay open and the desktop menu works.
(function () {
  "use strict";

  var DESKTOP = window.matchMedia("(min-width: 64em)");
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]:not([tabindex="-1"])';

  // ---- Menu button: opens the primary navigation as a panel with an overlay behind it.
  function menuParts() {
    return {
      nav: document.querySelector(".usa-nav"),
      overlay: document.querySelector(".usa-overlay"),
      openers: document.querySelectorAll(".usa-menu-btn"),
    };
  }

  function menuIsOpen() {
    return document.body.classList.contains("usa-js-mobile-nav--active");
  }

  function setMenu(open) {
    var parts = menuParts();
    if (!parts.nav) return;
    document.body.classList.toggle("usa-js-mobile-nav--active", open);
    parts.nav.classList.toggle("is-visible", open);
    if (parts.overlay) parts.overlay.classList.toggle("is-visible", open);
    parts.openers.forEach(function (button) {
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    if (open) {
      var close = parts.nav.querySelector(".usa-nav__close");
      (close || parts.nav.querySelector(FOCUSABLE)).focus();
    } else if (parts.openers.length && parts.nav.contains(document.activeElement)) {
      parts.openers[0].focus();
    }
  }

  function initMenu() {
    var parts = menuParts();
    if (!parts.nav) return;
    if (!parts.nav.id) parts.nav.id = "primary-navigation";
    parts.openers.forEach(function (button) {
      button.setAttribute("aria-controls", parts.nav.id);
      button.setAttribute("aria-expanded", "false");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    if (target.closest(".usa-menu-btn")) {
      setMenu(!menuIsOpen());
    } else if (menuIsOpen() && target.closest(".usa-nav__close, .usa-overlay")) {
      setMenu(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (!menuIsOpen()) return;
    if (event.key === "Escape") {
      setMenu(false);
      return;
    }
    if (event.key !== "Tab") return;
    // Keep the keyboard inside the open panel.
    var focusable = Array.prototype.filter.call(
      menuParts().nav.querySelectorAll(FOCUSABLE),
      function (element) { return element.offsetParent !== null; }
    );
    if (!focusable.length) return;
    var first = focusable[0];
    var last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  });

  // Widening the window to the desktop layout closes the panel.
  DESKTOP.addEventListener("change", function (query) {
    if (query.matches && menuIsOpen()) setMenu(false);
  });

  // ---- Accordion: each button shows or hides the section it controls (aria-controls).
  var ACCORDION_BUTTON = ".usa-accordion__button[aria-controls]";

  function sectionOf(button) {
    return document.getElementById(button.getAttribute("aria-controls"));
  }

  function setSection(button, open) {
    var section = sectionOf(button);
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (section) section.hidden = !open;
  }

  function initAccordions(root) {
    root.querySelectorAll(ACCORDION_BUTTON).forEach(function (button) {
      setSection(button, button.getAttribute("aria-expanded") === "true");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(ACCORDION_BUTTON) : null;
    if (!button) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    var accordion = button.closest(".usa-accordion");
    if (open && accordion && !accordion.hasAttribute("data-allow-multiple")) {
      accordion.querySelectorAll(ACCORDION_BUTTON).forEach(function (other) {
        if (other !== button && other.closest(".usa-accordion") === accordion) setSection(other, false);
      });
    }
    setSection(button, open);
  });

  function init() {
    initMenu();
    initAccordions(document);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // Accordions that arrive in an htmx response.
  document.addEventListener("htmx:load", function (event) {
    if (event.target && event.target.querySelectorAll) initAccordions(event.target);
  });
})();
