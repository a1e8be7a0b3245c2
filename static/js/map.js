// Progressive enhancement only: the map is complete without this file.
// Pointing at (or focusing) a place highlights its partnerships and the places at their other end;
// pointing at a partnership highlights it and its two places.
(function () {
  function placeMark(map, key) {
    return map.querySelector(`.map-places a[data-place="${key}"]`);
  }

  function related(map, mark) {
    if (mark.dataset.ends) {
      return [mark, ...mark.dataset.ends.split(" ").map((key) => placeMark(map, key))];
    }
    const marks = [mark];
    map.querySelectorAll(".map-links a[data-ends]").forEach((link) => {
      const ends = link.dataset.ends.split(" ");
      if (ends.includes(mark.dataset.place)) {
        marks.push(link, ...ends.map((key) => placeMark(map, key)));
      }
    });
    return marks;
  }

  // The focused or pointed mark's name, written above the drawing: a circle says nothing by itself.
  function showName(map, mark) {
    const name = map.closest(".map-figure")?.querySelector(".map-focus-name");
    if (!name) return;
    const title = mark && mark.querySelector("title");
    name.textContent = title ? title.textContent : "";
    name.hidden = !title;
  }

  function highlight(event) {
    const map = event.currentTarget;
    const mark = event.target.closest && event.target.closest("a[data-place], a[data-ends]");
    map.querySelectorAll(".is-related").forEach((item) => item.classList.remove("is-related"));
    map.classList.toggle("is-highlighting", Boolean(mark));
    if (mark) related(map, mark).forEach((item) => item && item.classList.add("is-related"));
    showName(map, mark);
  }

  function clear(event) {
    event.currentTarget.classList.remove("is-highlighting");
    showName(event.currentTarget, null);
  }

  document.querySelectorAll("svg[data-map]").forEach((map) => {
    map.addEventListener("mouseover", highlight);
    map.addEventListener("focusin", highlight);
    map.addEventListener("mouseleave", clear);
    map.addEventListener("focusout", clear);
  });
})();
