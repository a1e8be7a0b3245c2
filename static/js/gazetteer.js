// Progressive enhancement of the territory and partner forms of the admin: a field marked
// data-gazetteer-url suggests towns of the vendored gazetteer as one types, and choosing one fills
// the names, country, kind, coordinates and parent of a new territory. Without this file, the
// territory form's "Find coordinates" button does the same on the server.
(() => {
  const setValue = (id, value) => {
    const field = document.getElementById(id);
    if (field && value !== undefined && value !== null) field.value = value;
  };
  const setParent = (place) => {
    const select = document.getElementById("id_parent");
    if (!select || !place.parent) return;
    if (!Array.from(select.options).some((option) => option.value === String(place.parent))) {
      select.add(new Option(place.parent_name, place.parent, true, true));
    }
    select.value = String(place.parent);
    select.dispatchEvent(new Event("change", { bubbles: true }));
  };
  const fill = (field, place) => {
    if (field.name === "new_place") return; // the partner form keeps only the name; the server does the rest
    setValue("id_name_fr", place.name_fr);
    setValue("id_name_ru", place.name_ru);
    setValue("id_name_en", place.name_en);
    setValue("id_country", place.country);
    setValue("id_kind", "city");
    setValue("id_latitude", place.latitude);
    setValue("id_longitude", place.longitude);
    const slug = document.getElementById("id_slug");
    if (slug && !slug.value) slug.dispatchEvent(new Event("change"));
    document.getElementById("id_name_fr")?.dispatchEvent(new Event("keyup"));
    setParent(place);
  };

  const enhance = (field) => {
    const list = document.createElement("datalist");
    list.id = field.getAttribute("list");
    field.after(list);
    let places = [];
    let timer = null;
    field.addEventListener("input", () => {
      const chosen = places.find((place) => place.label === field.value);
      if (chosen) {
        fill(field, chosen);
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(async () => {
        if (field.value.trim().length < 2) return;
        const url = new URL(field.dataset.gazetteerUrl, window.location.href);
        url.searchParams.set("q", field.value);
        const country = document.getElementById("id_country");
        if (field.name === "new_place" && country?.value) url.searchParams.set("country", country.value);
        const response = await fetch(url, { credentials: "same-origin" });
        if (!response.ok) return;
        places = (await response.json()).results;
        list.replaceChildren(...places.map((place) => new Option(place.label, place.label)));
      }, 200);
    });
  };
  // The admin loads form media in <head>: wait for the form.
  const start = () => document.querySelectorAll("input[data-gazetteer-url]").forEach(enhance);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
