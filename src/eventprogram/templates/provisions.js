// Filter the page to the items that offer one accessibility provision (issue #16).
// The state is the URL fragment, #provision=sign-language: a filtered page can be linked, and
// Back undoes a filter. The page's Content-Security-Policy lets this script run by its hash.
// Without JavaScript nothing is hidden: the list of provisions links every item that has one.
(() => {
  "use strict";
  const words = document.currentScript.dataset;
  const list = document.getElementById("_provisions");
  const status = document.getElementById("_provisions-status");
  if (!list || !status) return;
  const items = [...document.querySelectorAll("li.slot, li.session")];
  const days = [...document.querySelectorAll("section.day")];
  const entries = [...list.querySelectorAll("[data-provision]")];
  const names = new Map(
    entries.map((entry) => [
      entry.dataset.provision,
      entry.querySelector(".provision-name").textContent,
    ]),
  );
  const offers = (element, wanted) =>
    (element.dataset.provisions || "").split(" ").includes(wanted);
  const holds = (element, wanted) =>
    [...element.querySelectorAll("[data-provisions]")].some((inner) => offers(inner, wanted));

  const reset = document.createElement("button");
  reset.type = "button";
  reset.className = "filter";
  reset.textContent = words.all;
  reset.addEventListener("click", () => {
    location.hash = "_provisions";
  });
  status.after(reset);

  for (const entry of entries) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "filter";
    button.textContent = `${words.only} ${names.get(entry.dataset.provision)}`;
    button.addEventListener("click", () => {
      const on = button.getAttribute("aria-pressed") === "true";
      location.hash = on ? "_provisions" : `provision=${entry.dataset.provision}`;
    });
    entry.querySelector(".provision").after(button);
  }

  const apply = () => {
    const found = /^#provision=([A-Za-z0-9._-]+)$/.exec(location.hash);
    const wanted = found && names.has(found[1]) ? found[1] : null;
    for (const item of items) {
      item.hidden = wanted !== null && !offers(item, wanted) && !holds(item, wanted);
    }
    for (const day of days) {
      day.hidden = wanted !== null && !day.querySelector("li.slot:not([hidden])");
    }
    for (const entry of entries) {
      const button = entry.querySelector("button.filter");
      button.setAttribute("aria-pressed", String(entry.dataset.provision === wanted));
    }
    reset.hidden = wanted === null;
    status.textContent = wanted === null ? "" : `${words.showing}: ${names.get(wanted)}`;
  };
  window.addEventListener("hashchange", apply);
  apply();
})();
