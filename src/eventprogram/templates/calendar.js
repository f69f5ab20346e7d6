// "Add to calendar" under every slot and session: a one-event iCalendar file made in the browser.
// The page's Content-Security-Policy lets this one script run by its hash; it loads nothing.
// What it writes comes from the page: the UID and the nominal end of an open end from data-
// attributes (written by eventprogram, as its iCal writer does), the instants from <time
// datetime>, title and room as the page shows them, the rest from this script's data- attributes.
(() => {
  "use strict";
  const page = document.currentScript.dataset;
  const encoder = new TextEncoder();

  // RFC 5545, 3.3.11: in a TEXT value, backslash, semicolon and comma are escaped, and a line
  // break is written as \n.
  const text = (value) =>
    value.replace(/[\\;,]/g, (character) => `\\${character}`).replace(/\r\n|\r|\n/g, "\\n");

  // RFC 5545, 3.1: a line longer than 75 octets is folded, never inside a UTF-8 character.
  const fold = (line) => {
    let folded = "";
    let octets = 0;
    for (const character of line) {
      const size = encoder.encode(character).length;
      if (octets + size > 75) {
        folded += "\r\n ";
        octets = 1;
      }
      folded += character;
      octets += size;
    }
    return folded;
  };

  // "2025-05-15T14:30:00+02:00" as the UTC instant "20250515T123000Z".
  const utc = (iso) => new Date(iso).toISOString().replace(/\.\d+/, "").replace(/[-:]/g, "");

  // data-uid holds the UID's 16 bytes in base64url; the file has the usual 8-4-4-4-12 form.
  const uid = (code) => {
    const bytes = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
    const hex = [...bytes].map((byte) => byte.charCodeAt(0).toString(16).padStart(2, "0")).join("");
    return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)]
      .join("-");
  };

  const squash = (value) => value.replace(/\s+/g, " ").trim();

  // The item and what holds it, innermost first: a Kleingruppe, its session, their slot.
  const lineage = (item) => {
    const found = [];
    for (let at = item; at !== null; at = at.parentElement.closest("li")) found.push(at);
    return found;
  };

  // The element holding an item's title: a slot's .title, a session's heading.
  const titleOf = (item) => {
    const heading = item.firstElementChild;
    return heading.querySelector(":scope > .title") ?? heading;
  };

  // The title as calendars have it: a Kleingruppe "3.1 X" (data-number), where the page says
  // "Kleingruppe 1: X"; every other item as the page shows it.
  const summary = (item) => {
    const title = titleOf(item);
    const number = item.dataset.number;
    if (number === undefined) return squash(title.textContent);
    const label = title.querySelector(":scope > .number");
    const rest = [...title.childNodes].filter((node) => node !== label);
    const words = squash(rest.map((node) => node.textContent).join(""));
    return number ? `${number} ${words}` : words;
  };

  const event = (item) => {
    // The times of the nearest that shows them: the item's own, else its session's or slot's.
    const shown = ":scope > .slot-heading time, :scope > .facts time";
    const holders = lineage(item);
    const timed = holders.find((at) => at.querySelector(shown));
    const times = timed.querySelectorAll(shown);
    const end = times.length > 1 ? utc(times[1].dateTime) : timed.dataset.end;
    // The room: the page names it where it differs from what holds the item.
    const roomed = holders.map((at) => at.querySelector(":scope > .facts .room")).find(Boolean);
    const prefix = `${page.roomLabel}: `;
    let room = roomed ? squash(roomed.textContent) : "";
    if (room.startsWith(prefix)) room = room.slice(prefix.length);
    const lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      `PRODID:${page.prodid}`,
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      `UID:${uid(item.dataset.uid)}`,
      `DTSTAMP:${page.stamp}`,
      `SEQUENCE:${page.sequence}`,
      `DTSTART:${utc(times[0].dateTime)}`,
      ...(end ? [`DTEND:${end}`] : []),
      `SUMMARY:${text(summary(item))}`,
      `LOCATION:${text(room ? `${room}, ${page.venue}` : page.venue)}`,
      ...(page.url ? [`URL:${page.url}#${item.id}`] : []),
      "STATUS:CONFIRMED",
      "END:VEVENT",
      "END:VCALENDAR",
    ];
    return lines.map(fold).join("\r\n") + "\r\n";
  };

  const download = (name, content) => {
    const url = URL.createObjectURL(new Blob([content], { type: "text/calendar;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  };

  // One button per slot (but the end) and session, where the link of the old page stood:
  // after the item's texts, before its sessions. Its name says what it adds.
  for (const item of document.querySelectorAll("li.slot:not(.slot-end), li.session")) {
    const title = titleOf(item);
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    const marked = title.matches("[lang]") ? title : title.querySelector("[lang]");
    if (marked) hidden.lang = marked.lang;
    hidden.textContent = `: ${squash(title.textContent)}`;
    const button = document.createElement("button");
    button.type = "button";
    button.append(page.label, hidden);
    const holder = document.createElement("p");
    holder.className = "calendar";
    holder.append(button);
    item.insertBefore(holder, item.querySelector(":scope > ol"));
  }

  document.addEventListener("click", (click) => {
    const button = click.target.closest(".calendar button");
    if (button === null) return;
    const item = button.closest("[data-uid]");
    download(`${page.name}.${item.id}.ics`, event(item));
  });
})();
