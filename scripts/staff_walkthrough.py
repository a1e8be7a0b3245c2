"""Walk through the common staff tasks in the admin, in French, counting the steps each takes.

A step is one click, one field typed, one option chosen or one file chosen; page loads are not steps.
Each task starts on the admin's home page (the desk), signed in. The counts and the sequence of each
task are printed as a Markdown table; screenshots (1280×900 window, cropped) go to docs/img/staff/.

Run it against a portal of its own (never port 8000 nor db.sqlite3), for example:

    export DATABASE_URL=sqlite:////tmp/walk.sqlite3
    .venv/bin/python manage.py migrate --no-input && .venv/bin/python manage.py load_programme
    .venv/bin/python manage.py shell -c "from django.contrib.auth.models import Group, User
    for name, group in [('editrice', 'Editors'), ('comite', 'Labelling committee')]:
        User.objects.create_user(name, password='guide-password-2021', is_staff=True).groups.add(
            Group.objects.get(name=group))"
    .venv/bin/python manage.py runserver 127.0.0.1:8791 --noreload &
    .venv/bin/python scripts/staff_walkthrough.py http://127.0.0.1:8791 \
        "Coopération scientifique et universitaire"

The second argument is the title of a published project, whose title task (d) changes.

It changes that database (new projects, partners, an import): run it on a fresh one.
"""

import io
import sys
import tempfile
from pathlib import Path

import openpyxl
from PIL import Image
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chromium import CHROMIUM, FLAGS

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "img" / "staff"
PASSWORD = "guide-password-2021"  # noqa: S105 - the walkthrough's own throwaway accounts
TITLE = "Semaine Tours – Rostov-sur-le-Don"


class Task:
    """One task: its steps (counted), the pages it loads, and its screenshots."""

    def __init__(self, page, key: str, name: str):
        self.page, self.key, self.name = page, key, name
        self.steps: list[str] = []
        self.pages = 0
        self.watch = ""
        self.finished = False
        self._listen(page)

    def _listen(self, page):
        def loaded(frame):
            if frame == frame.page.main_frame and not self.finished:
                self.pages += 1

        page.on("framenavigated", loaded)

    def popup(self, page):
        self._listen(page)

    def _log(self, what: str):
        self.steps.append(what)

    def click(self, locator, what: str):
        locator.click()
        self._log(f"click {what}")

    def fill(self, locator, value: str, what: str):
        locator.fill(value)
        self._log(f"type {what} ({value})")

    def select(self, locator, label: str, what: str):
        locator.select_option(label=label)
        self._log(f"choose {label} in {what}")

    def check(self, locator, what: str):
        locator.check()
        self._log(f"tick {what}")

    def upload(self, locator, path: Path, what: str):
        locator.set_input_files(str(path))
        self._log(f"choose the file {what}")

    def shot(self, name: str, locator=None, page=None, height: int | None = None, clip=None):
        """A PNG of the window (or of one element, or of a part of the window), quantized to keep it
        small."""
        page = page or self.page
        raw = locator.screenshot() if locator is not None else page.screenshot(clip=clip)
        image = Image.open(io.BytesIO(raw)).convert("RGB")
        if height and image.height > height:
            image = image.crop((0, 0, image.width, height))
        image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(IMAGES / f"{name}.png", optimize=True)


def sign_in(browser, username: str):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-FR", accept_downloads=True
    )
    page = context.new_page()
    page.goto(f"{BASE}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    french = page.get_by_role("button", name="Français")  # the admin's language switcher
    if french.is_enabled():
        french.click()
    return page


def desk(page):
    page.goto(f"{BASE}/admin/")


def new_partner(task: Task, name: str, kind: str, place: str, row: int, shoot: bool = True):
    """The + beside a partners' row opens the partner form in a window; saving it fills the row.
    The country is the place's, and the row's side the country's: neither is chosen."""
    page = task.page
    with page.expect_popup() as info:
        task.click(page.locator(f"#add_id_participations-{row}-partner"), "+ beside the partner")
    popup = info.value
    task.popup(popup)
    popup.wait_for_load_state()
    task.fill(popup.locator("#id_name_fr"), name, "the partner's name")
    task.select(popup.locator("#id_kind"), kind, "kind")
    task.fill(popup.locator("#id_new_place"), place, "“or a new place”")
    if row == 1 and shoot:
        task.shot("a-partner-popup", page=popup, height=520)
    with popup.expect_event("close"):
        task.click(popup.locator("input[name=_save]"), "Enregistrer")


def task_enter(editor) -> Task:
    task = Task(editor, "a", "Enter a new initiative and submit it")
    page = editor
    task.click(page.locator("a[href$='/events/project/add/']").first, "Ajouter (Projets)")
    task.fill(page.locator("#id_title_fr"), TITLE, "the title")
    task.fill(
        page.locator("#id_description_fr"),
        "Une semaine d’échanges entre les écoles de musique des deux villes.",
        "the description",
    )
    page.locator("#id_themes_from option", has_text="Coopération culturelle et éducative").dblclick()
    task._log("double-click a theme (Coopération culturelle et éducative)")
    task.fill(page.locator("#id_planned_period"), "du 12 au 18 octobre 2021", "the period in words")
    new_partner(task, "Ville de Tours", "collectivité locale", "Tours", 0)
    task.click(page.locator("#participations-group .add-row a"), "add another partner")
    new_partner(task, "Ville de Rostov-sur-le-Don", "collectivité locale", "Ростов-на-Дону", 1)
    task.click(page.locator("input[name=_continue]"), "Enregistrer et continuer les modifications")
    task.shot("a-saved", height=620)
    task.click(page.locator("#workflow").get_by_role("link", name="Soumettre"), "Soumettre")
    task.click(page.locator("input[type=submit][value=Confirmer]"), "Confirmer")
    task.watch = "the partner's country and side follow from its town, found in the gazetteer in any language"
    return task


def open_from_desk(task: Task, title: str):
    task.click(task.page.locator("#content").get_by_role("link", name=title).first, f"“{title}” on the desk")


def task_send_back(committee, editor) -> Task:
    task = Task(committee, "c", "Send back with a comment; the editor corrects and resubmits")
    open_from_desk(task, TITLE)
    task.click(
        committee.locator("#workflow").get_by_role("link", name="Renvoyer pour modification"), "Renvoyer…"
    )
    task.fill(committee.locator("#id_comment"), "Précisez le lieu : conservatoire de Tours.", "the comment")
    task.click(committee.locator("input[type=submit][value=Confirmer]"), "Confirmer")
    # The editor's half, in the editor's browser.
    task.page = editor
    task._listen(editor)
    desk(editor)
    heading = editor.get_by_text("En attente de labellisation", exact=True).first
    heading.scroll_into_view_if_needed()
    top = heading.bounding_box()
    task.shot("c-desk-sent-back", clip={"x": 30, "y": top["y"] - 8, "width": 640, "height": 300})
    open_from_desk(task, TITLE)
    task.shot("c-comment", editor.locator("#workflow"))
    task.fill(
        editor.locator("#id_description_fr"),
        "Une semaine d’échanges entre les écoles de musique des deux villes, au conservatoire de Tours.",
        "the description",
    )
    task.click(editor.locator("input[name=_continue]"), "Enregistrer et continuer les modifications")
    task.click(editor.locator("#workflow").get_by_role("link", name="Soumettre"), "Soumettre")
    task.click(editor.locator("input[type=submit][value=Confirmer]"), "Confirmer")
    return task


def task_label_publish(committee) -> Task:
    task = Task(committee, "b", "Label, then publish (without the translations)")
    open_from_desk(task, TITLE)
    task.click(committee.locator("#workflow").get_by_role("link", name="Labelliser"), "Labelliser")
    task.click(committee.locator("input[type=submit][value=Confirmer]"), "Confirmer")
    task.click(committee.locator("#workflow").get_by_role("link", name="Publier"), "Publier")
    task.check(committee.locator("#id_without_translations"), "Publier sans les traductions")
    task.shot("b-publish", committee.locator("#content"))
    task.click(committee.locator("input[type=submit][value=Confirmer]"), "Confirmer")
    return task


def find_project(task: Task, title: str):
    page = task.page
    task.click(page.locator("#content").get_by_role("link", name="Projets", exact=True).first, "Projets")
    task.fill(page.locator("#searchbar"), title, "the search box")
    task.click(page.locator("#changelist-search input[type=submit]"), "Rechercher")
    task.click(page.locator("#result_list").get_by_role("link", name=title).first, "the project")


def task_change_published(editor, committee, title: str) -> Task:
    task = Task(editor, "d", "Change a published project's title; the committee approves it")
    find_project(task, title)
    task.fill(editor.locator("#id_title_fr"), title + " (2e édition)", "the new title")
    task.click(editor.locator("input[name=_continue]"), "Enregistrer et continuer les modifications")
    task.page = committee
    task._listen(committee)
    desk(committee)
    task.click(committee.locator("#content").get_by_role("link", name=title).first, "the change on the desk")
    task.shot("d-review", committee.locator("#content"), height=600)
    task.click(committee.get_by_role("button", name="Approuver et publier la modification"), "Approuver…")
    return task


def template_rows(path: Path):
    """The downloaded template, its example row replaced by five projects (done in a spreadsheet
    program by staff; not counted as steps in the portal)."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)
    towns = [
        ("Lyon", "Казань"),
        ("Nantes", "Ярославль"),
        ("Lille", "Самара"),
        ("Rennes", "Пермь"),
        ("Dijon", "Тверь"),
    ]
    for number, (french, russian) in enumerate(towns, start=1):
        sheet.append(
            [
                None,
                None,
                f"Ville de {french}",
                f"Администрация города {russian}",
                f"Rencontres {french} – {russian} {number}",
                "Échanges de délégations et d’étudiants.",
                f"{number} juin 2021",
                "Partenariats et jumelages",
                None,
                None,
                None,
                None,
                french,
                russian,
            ]
        )
    workbook.save(path)


def task_import(editor, workdir: Path) -> Task:
    task = Task(editor, "e", "Import a 5-row spreadsheet made from the template")
    task.click(editor.locator("#content").get_by_role("link", name="Projets", exact=True).first, "Projets")
    task.click(editor.locator(".object-tools").get_by_role("link", name="Importer"), "Importer")
    with editor.expect_download() as info:
        task.click(editor.get_by_role("link", name="Télécharger le modèle (.xlsx)"), "Télécharger le modèle")
    path = workdir / "projets.xlsx"
    info.value.save_as(path)
    template_rows(path)
    task.upload(editor.locator("input[type=file]"), path, "projets.xlsx")
    task.click(editor.locator("form[enctype] input[type=submit]"), "Prévisualiser")
    task.shot("e-preview", editor.locator("#content"), height=800)
    confirm = editor.locator("#content form input[type=submit].default")
    if confirm.count():
        task.click(confirm, "Confirmer l’importation")
    else:
        task.watch = "NO CONFIRM BUTTON: " + editor.locator("#content").inner_text()[:600]
    return task


def task_translate(editor, count: int = 3) -> Task:
    task = Task(editor, "f", f"Translate {count} projects into Russian, one after the other")
    task.click(
        editor.locator("#content").get_by_role("link", name="Russe").first,
        "“russe” under missing translations",
    )
    task.click(editor.locator("#result_list tbody a").first, "the first project")
    for number in range(count):
        # The switch at the top of the form turns every field's tabs to Russian at once.
        task.select(
            editor.locator("#modeltranslation-main-switch"), "ru", "the language switch (top of the form)"
        )
        task.fill(editor.locator("#id_title_ru"), f"Перевод названия {number + 1}", "the Russian title")
        if editor.locator("#id_description_fr").input_value():
            task.fill(
                editor.locator("#id_description_ru"), "Описание на русском языке.", "the Russian description"
            )
        if number == 0:
            task.shot("f-translate", editor.locator("#content"), height=700)
        task.click(
            editor.get_by_role("button", name="Enregistrer et ouvrir le projet suivant sans russe"),
            "Enregistrer et ouvrir le suivant…",
        )
    return task


def task_event_status(committee, title: str) -> Task:
    task = Task(committee, "g", "Mark a published project postponed, then rescheduled")
    find_project(task, title)
    task.click(
        committee.get_by_role("link", name="Changer le statut de l’événement"),
        "Changer le statut de l’événement",
    )
    task.select(committee.locator("#id_event_status"), "reporté", "statut de l’événement")
    task.click(committee.locator("input[type=submit][value=Confirmer]"), "Confirmer")
    task.click(
        committee.get_by_role("link", name="Changer le statut de l’événement"),
        "Changer le statut de l’événement",
    )
    task.select(committee.locator("#id_event_status"), "reprogrammé", "statut de l’événement")
    task.fill(committee.locator("#id_new_period"), "du 15 au 20 novembre 2021", "the new period in words")
    task.shot("g-rescheduled", committee.locator("#content"), height=760)
    task.click(committee.locator("input[type=submit][value=Confirmer]"), "Confirmer")
    return task


def apply_publicly(browser):
    """An application sent through the public form (the applicant's steps are not counted)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    page.goto(f"{BASE}/fr/candidature/")
    page.fill("#id_organisation", "Mairie de Blois")
    page.select_option("#id_kind", index=1)
    page.check("input[name=country][value=FR]")
    page.fill("#id_place", "Blois")
    page.fill("#id_contact_name", "Claire Martin")
    page.fill("#id_email", "claire.martin@example.org")
    page.fill("#id_partner_name", "Администрация города Ярославля")
    page.check("input[name=language][value=fr]")
    page.fill("#id_title", "Festival Blois – Iaroslavl")
    page.fill("#id_description", "Un festival de musique de chambre dans les deux villes.")
    page.fill("#id_planned_text", "septembre 2021")
    page.locator("input[name=themes]").first.check()
    page.check("#id_consent")
    page.wait_for_timeout(3500)  # the form refuses answers sent faster than a person types
    page.locator("form button[type=submit], form input[type=submit]").last.click()
    page.wait_for_load_state()
    text = page.locator("main").inner_text()[:300]
    page.close()
    return text


def task_application(editor) -> Task:
    task = Task(editor, "h", "Accept an application received through /fr/candidature/")
    task.click(
        editor.locator("#content").get_by_role("link", name="Festival Blois – Iaroslavl").first,
        "the application on the desk",
    )
    task.shot("h-application", editor.locator("#content"), height=700)
    task.click(
        editor.get_by_role("link", name="Accepter et soumettre à la labellisation"), "Accepter et soumettre…"
    )
    task.click(editor.locator("input[type=submit][value=Confirmer]"), "Confirmer")
    task.watch = " ".join(editor.locator("ul.messagelist").inner_text().split())
    # The applicant's partner was created in its town from the gazetteer; the Russian partner, named
    # without a place, is still missing (see the messages): the editor adds it and submits.
    task.click(editor.locator(".field-project_link a"), "the proposed project")
    new_partner(task, "Администрация города Ярославля", "collectivité locale", "Ярославль", 1, shoot=False)
    task.click(editor.locator("input[name=_continue]"), "Enregistrer et continuer les modifications")
    task.click(editor.locator("#workflow").get_by_role("link", name="Soumettre"), "Soumettre")
    task.click(editor.locator("input[type=submit][value=Confirmer]"), "Confirmer")
    return task


def main():
    IMAGES.mkdir(parents=True, exist_ok=True)
    tasks = []
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as tmp:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        editor = sign_in(browser, "editrice")
        committee = sign_in(browser, "comite")
        for run in (
            lambda: task_enter(editor),
            lambda: task_send_back(committee, editor),
            lambda: task_label_publish(committee),
            lambda: task_change_published(editor, committee, PUBLISHED),
            lambda: task_import(editor, Path(tmp)),
            lambda: task_translate(editor),
            lambda: task_event_status(committee, TITLE),
        ):
            desk(editor)
            desk(committee)
            try:
                tasks.append(run())
                tasks[-1].finished = True
            except Exception as error:  # a failed task is reported, the others still run
                print("TASK FAILED:", str(error)[:400])
        print("application form:", apply_publicly(browser))
        desk(editor)
        tasks.append(task_application(editor))
        tasks[-1].finished = True
        browser.close()
    print("| task | steps | pages | sequence |\n| --- | --- | --- | --- |")
    for task in sorted(tasks, key=lambda t: t.key):
        print(f"| ({task.key}) {task.name} | {len(task.steps)} | {task.pages} | {' → '.join(task.steps)} |")
        if task.watch:
            print(f"|  | | | watch: {task.watch} |")


BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8791"
PUBLISHED = sys.argv[2] if len(sys.argv) > 2 else ""

if __name__ == "__main__":
    main()
