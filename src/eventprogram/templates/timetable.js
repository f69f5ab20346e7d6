// The timetable's filter: by day, room, track and language; its state is the URL's fragment,
// "#day=2&room=saal-1", so that a link shares it. The page's Content-Security-Policy lets this
// script run by its hash; it loads nothing. Without it, the filter stays hidden and every item
// shows. A filter is a <select data-filter="NAME">; an item matches where the nearest element
// with data-NAME (the item's cell, or its day's section) holds the chosen value: the whole
// value, or with data-multiple on the select one of its space-separated words.
(() => {
  "use strict";
  const panel = document.getElementById("_filter");
  if (panel === null) return;
  const selects = [...panel.querySelectorAll("select[data-filter]")];
  const status = panel.querySelector(".tt-status");
  const sections = [...document.querySelectorAll("section[data-day]")];
  const entries = [...document.querySelectorAll("td.tt-e")];
  const rows = [...document.querySelectorAll(".tt tbody tr")];

  const holds = (entry, select) => {
    const name = select.dataset.filter;
    const holder = entry.closest(`[data-${name}]`);
    const value = holder === null ? "" : holder.getAttribute(`data-${name}`);
    if (select.dataset.multiple === undefined) return value === select.value;
    return value.split(" ").includes(select.value);
  };

  const apply = () => {
    const chosen = selects.filter((select) => select.value !== "");
    let shown = 0;
    for (const entry of entries) {
      const match = chosen.every((select) => holds(entry, select));
      entry.classList.toggle("tt-off", !match);
      if (match) shown += 1;
    }
    for (const row of rows) row.classList.toggle("tt-none", !row.querySelector(".tt-e:not(.tt-off)"));
    for (const section of sections) section.hidden = !section.querySelector(".tt-e:not(.tt-off)");
    status.textContent = chosen.length
      ? status.dataset.template.replace("{shown}", shown).replace("{total}", status.dataset.total)
      : "";
  };

  // The fragment holds the filter where it has a "="; a day's or room's anchor leaves it be.
  const read = () => {
    const text = location.hash.slice(1);
    if (!text.includes("=")) return false;
    const state = new URLSearchParams(text);
    for (const select of selects) {
      const value = state.get(select.dataset.filter) ?? "";
      select.value = [...select.options].some((option) => option.value === value) ? value : "";
    }
    return true;
  };

  const write = () => {
    const state = new URLSearchParams();
    for (const select of selects) if (select.value) state.set(select.dataset.filter, select.value);
    const text = state.toString();
    history.replaceState(null, "", text ? `#${text}` : location.pathname + location.search);
  };

  for (const select of selects) {
    select.addEventListener("change", () => {
      write();
      apply();
    });
  }
  document.getElementById("_f-reset").addEventListener("click", () => {
    for (const select of selects) select.value = "";
    write();
    apply();
  });
  window.addEventListener("hashchange", () => {
    if (read()) apply();
  });
  panel.hidden = false;
  read();
  apply();
})();
