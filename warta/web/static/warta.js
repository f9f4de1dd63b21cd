// Popovers for highlighted spans: hover shows, click pins, Escape or a click elsewhere closes.
// The cards are server-rendered (already escaped) and hidden in the page; this only clones them.
(function () {
  "use strict";
  let pinned = null;
  const pop = document.createElement("div");
  pop.className = "popover";
  pop.setAttribute("role", "tooltip");
  pop.hidden = true;

  function show(el) {
    pop.replaceChildren();
    for (const key of (el.dataset.marks || "").split(" ")) {
      const card = document.getElementById("mark-" + key);
      if (!card) continue;
      const copy = card.cloneNode(true);
      copy.removeAttribute("id");
      pop.appendChild(copy);
    }
    if (!pop.childElementCount) return;
    const r = el.getBoundingClientRect();
    pop.style.left = Math.max(4, window.scrollX + r.left) + "px";
    pop.style.top = (window.scrollY + r.bottom + 6) + "px";
    pop.hidden = false;
  }

  function hide() {
    pop.hidden = true;
    if (pinned) pinned.classList.remove("active");
    pinned = null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.body.appendChild(pop);
    const body = document.getElementById("article-text");
    if (!body) return;
    body.addEventListener("mouseover", function (e) {
      const el = e.target.closest(".hl");
      if (el && !pinned) show(el);
    });
    body.addEventListener("mouseout", function (e) {
      if (!pinned && e.target.closest(".hl")) pop.hidden = true;
    });
    body.addEventListener("click", function (e) {
      const el = e.target.closest(".hl");
      if (!el) return;
      e.stopPropagation();
      hide();
      pinned = el;
      el.classList.add("active");
      show(el);
    });
    body.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.target.closest(".hl")) e.target.click();
    });
    document.addEventListener("click", function (e) { if (!pop.contains(e.target)) hide(); });
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  });
})();
