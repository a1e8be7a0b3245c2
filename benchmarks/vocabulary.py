"""Word lists for the synthetic programme, in French, Russian and English side by side.

Every entry is a (French, Russian, English) triple, so that a generated project reads as the same
project in the three languages, with accented French words and Cyrillic Russian ones for search to
fold, stem and transliterate. Place names in templates are `{fr}`, `{ru}` and `{en}` (the city's
name in that language); `{n}` is a small number.
"""

# --- Places ------------------------------------------------------------------------------------
# French town names are built from a first and a second part, each with its usual Russian
# transcription, so "Beaumont-sur-Loire" is "Бомон-сюр-Луар" in Russian.
FRENCH_TOWN_FIRST = [
    ("Beau", "Бо"),
    ("Bel", "Бель"),
    ("Mont", "Мон"),
    ("Roche", "Рош"),
    ("Château", "Шато"),
    ("Fontaine", "Фонтен"),
    ("Ville", "Виль"),
    ("Clair", "Клер"),
    ("Val", "Валь"),
    ("Pont", "Пон"),
    ("Champ", "Шан"),
    ("Mire", "Мир"),
    ("Vieil", "Вьей"),
    ("Grand", "Гран"),
    ("Neuf", "Нёф"),
    ("Ker", "Кер"),
    ("Plou", "Плу"),
    ("Lan", "Лан"),
    ("Aigue", "Эг"),
    ("Bourg", "Бур"),
    ("Ros", "Рос"),
    ("Vauc", "Вок"),
    ("Fleur", "Флёр"),
    ("Évre", "Эвр"),
    ("Brié", "Брие"),
    ("Chaumont", "Шомон"),
]
FRENCH_TOWN_SECOND = [
    ("ville", "виль"),
    ("mont", "мон"),
    ("court", "кур"),
    ("fort", "фор"),
    ("lieu", "льё"),
    ("bourg", "бур"),
    ("val", "валь"),
    ("pré", "пре"),
    ("champ", "шан"),
    ("fontaine", "фонтен"),
    ("mesnil", "мениль"),
    ("marais", "маре"),
    ("ac", "ак"),
    ("ignac", "иньяк"),
    ("château", "шато"),
    ("noë", "ноэ"),
]
FRENCH_TOWN_SAINTS = [
    ("Saint-Aubin", "Сент-Обен"),
    ("Sainte-Hélène", "Сент-Элен"),
    ("Saint-Étienne", "Сент-Этьен"),
    ("Saint-Didier", "Сен-Дидье"),
    ("Sainte-Anne", "Сент-Анн"),
    ("Saint-Géraud", "Сен-Жеро"),
]
FRENCH_TOWN_SUFFIXES = [
    ("-sur-Loire", "-сюр-Луар"),
    ("-sur-Mer", "-сюр-Мер"),
    ("-lès-Bains", "-ле-Бен"),
    ("-en-Forêt", "-ан-Форе"),
    ("-le-Château", "-ле-Шато"),
    ("-sur-Saône", "-сюр-Сон"),
    ("-d’Arrée", "-д’Арре"),
]

# Russian town names: Cyrillic first and second parts ("Ново" + "горск"); French and English
# spellings come from the transliteration schemes (iuliia), as the real data's do.
RUSSIAN_TOWN_FIRST = [
    "Ново",
    "Красно",
    "Бело",
    "Старо",
    "Верхне",
    "Нижне",
    "Зелено",
    "Светло",
    "Каменно",
    "Сосново",
    "Березо",
    "Черно",
    "Лесо",
    "Озёрно",
    "Солнечно",
    "Снежно",
    "Яро",
    "Волго",
    "Камско",
    "Медвеже",
    "Серебряно",
    "Золото",
    "Быстро",
    "Тихо",
    "Ольхово",
    "Липово",
    "Орехово",
    "Рябино",
]
RUSSIAN_TOWN_SECOND = [
    "горск",
    "градск",
    "дольск",
    "мостовск",
    "озёрск",
    "реченск",
    "сельск",
    "ярск",
    "водск",
    "борск",
    "ключевск",
    "полье",
    "лесье",
    "дар",
    "бург",
    "поль",
    "бережье",
    "городок",
    "слободск",
    "заводск",
]
# "Ростов-на-Дону": the river a town stands on, for towns of the same name.
RUSSIAN_TOWN_RIVERS = ["-на-Волге", "-на-Оке", "-на-Каме", "-на-Дону", "-на-Амуре", "-на-Неве", "-на-Урале"]
RUSSIAN_VILLAGE_ADJECTIVES = ["Верхнее", "Нижнее", "Большое", "Малое", "Новое", "Старое"]
RUSSIAN_VILLAGE_NAMES = ["Никольское", "Покровское", "Вознесенское", "Ильинское", "Спасское", "Троицкое"]

# --- Partners ----------------------------------------------------------------------------------
# (partner kind, French, Russian, English name) for organisations of a French town…
FRENCH_MUNICIPALITY = ("local_authority", "Ville de {fr}", "Мэрия города {ru}", "City of {en}")
FRENCH_INSTITUTIONS = [
    ("university", "Université de {fr}", "Университет города {ru}", "University of {en}"),
    (
        "cultural",
        "Musée des beaux-arts de {fr}",
        "Музей изящных искусств города {ru}",
        "{en} Museum of Fine Arts",
    ),
    ("association", "Association {fr} – Russie", "Ассоциация «{ru} — Россия»", "{en}–Russia Association"),
    (
        "business",
        "Chambre de commerce et d’industrie de {fr}",
        "Торгово-промышленная палата города {ru}",
        "{en} Chamber of Commerce and Industry",
    ),
    (
        "cultural",
        "Conservatoire de musique de {fr}",
        "Музыкальная консерватория города {ru}",
        "{en} Music Conservatory",
    ),
    ("other", "Lycée Jean-Moulin de {fr}", "Лицей имени Жана Мулена города {ru}", "Jean Moulin Lycée, {en}"),
    ("association", "Club de hockey sur glace de {fr}", "Хоккейный клуб города {ru}", "{en} Ice Hockey Club"),
    (
        "research",
        "Institut de recherche agronomique de {fr}",
        "Агрономический научный институт города {ru}",
        "{en} Agronomic Research Institute",
    ),
]
# … and of a Russian town.
RUSSIAN_MUNICIPALITY = (
    "local_authority",
    "Administration de la ville de {fr}",
    "Администрация города {ru}",
    "{en} City Administration",
)
RUSSIAN_INSTITUTIONS = [
    (
        "university",
        "Université d’État de {fr}",
        "Государственный университет города {ru}",
        "{en} State University",
    ),
    (
        "cultural",
        "Musée d’histoire locale de {fr}",
        "Краеведческий музей города {ru}",
        "{en} Local History Museum",
    ),
    ("cultural", "Théâtre dramatique de {fr}", "Драматический театр города {ru}", "{en} Drama Theatre"),
    (
        "other",
        "École d’art pour enfants nº {n} de {fr}",
        "Детская школа искусств № {n} города {ru}",
        "{en} Children’s Art School No. {n}",
    ),
    (
        "business",
        "Agence de développement touristique de {fr}",
        "Агентство по развитию туризма города {ru}",
        "{en} Tourism Development Agency",
    ),
    (
        "research",
        "Institut de recherche forestière de {fr}",
        "Научно-исследовательский институт лесного хозяйства города {ru}",
        "{en} Forestry Research Institute",
    ),
    ("association", "Fédération de hockey de {fr}", "Федерация хоккея города {ru}", "{en} Hockey Federation"),
]

# --- Projects ----------------------------------------------------------------------------------
# What happens: the head of a title.
ACTIVITIES = [
    ("Festival", "Фестиваль", "Festival"),
    ("Semaine", "Неделя", "Week"),
    ("Rencontres", "Встречи", "Meetings"),
    ("Échanges", "Обмены", "Exchanges"),
    ("Forum", "Форум", "Forum"),
    ("Exposition", "Выставка", "Exhibition"),
    ("Colloque", "Коллоквиум", "Symposium"),
    ("Résidence", "Резиденция", "Residency"),
    ("Atelier", "Мастерская", "Workshop"),
    ("Programme", "Программа", "Programme"),
    ("Coopération", "Сотрудничество", "Cooperation"),
    ("Université d’été", "Летняя школа", "Summer school"),
    ("Stages", "Стажировки", "Internships"),
    ("Concours", "Конкурс", "Competition"),
    ("Tournoi", "Турнир", "Tournament"),
    ("Séminaire", "Семинар", "Seminar"),
]
# What about: (theme slug of the real programme, French "de …", Russian genitive, English noun).
TOPICS = [
    ("culture-education", "de la dentelle", "кружева", "lace"),
    ("culture-education", "du patrimoine", "наследия", "heritage"),
    ("culture-education", "des arts numériques", "цифрового искусства", "digital arts"),
    ("culture-education", "de la musique baroque", "барочной музыки", "baroque music"),
    ("culture-education", "du cinéma", "кино", "cinema"),
    ("culture-education", "du théâtre", "театра", "theatre"),
    ("culture-education", "des musées", "музеев", "museums"),
    ("culture-education", "de la littérature", "литературы", "literature"),
    ("culture-education", "de la céramique", "керамики", "ceramics"),
    ("culture-education", "de la francophonie", "франкофонии", "the French language"),
    ("economy-tourism", "de la gastronomie", "гастрономии", "gastronomy"),
    ("economy-tourism", "du tourisme", "туризма", "tourism"),
    ("economy-tourism", "du vin et de la vigne", "вина и виноградарства", "wine and vines"),
    ("economy-tourism", "de l’aviation", "авиации", "aviation"),
    ("economy-tourism", "des métiers d’art", "художественных ремёсел", "crafts"),
    ("economy-tourism", "de l’innovation", "инноваций", "innovation"),
    ("environment", "de l’écologie urbaine", "городской экологии", "urban ecology"),
    ("environment", "de la forêt", "леса", "forests"),
    ("environment", "de l’eau", "воды", "water"),
    ("environment", "de l’énergie", "энергетики", "energy"),
    ("university-research", "de la médecine", "медицины", "medicine"),
    ("university-research", "des mathématiques", "математики", "mathematics"),
    ("university-research", "de la chimie verte", "зелёной химии", "green chemistry"),
    ("sport", "du hockey sur glace", "хоккея", "ice hockey"),
    ("sport", "des échecs", "шахмат", "chess"),
    ("sport", "du ski de fond", "лыжных гонок", "cross-country skiing"),
    ("partnerships-twinning", "du jumelage", "побратимства", "twinning"),
    ("partnerships-twinning", "des jeunes élus", "молодых депутатов", "young councillors"),
]
# Sentences of descriptions; `{fr}` is the French town, `{ru}` the Russian one, `{topic_*}` the topic.
SENTENCES = [
    (
        "Le projet réunit {fr} et {ru} autour {topic_fr}.",
        "Проект объединяет города {fr} и {ru} в области {topic_ru}.",
        "The project brings {fr} and {ru} together around {topic_en}.",
    ),
    (
        "Des étudiants, des artistes et des élus échangeront leurs expériences à {ru} puis à {fr}.",
        "Студенты, художники и депутаты обменяются опытом в городе {ru}, а затем в городе {fr}.",
        "Students, artists and councillors will share their experience in {ru}, then in {fr}.",
    ),
    (
        "Les participants découvriront le savoir-faire régional, les musées et la cuisine locale.",
        "Участники познакомятся с региональными ремёслами, музеями и местной кухней.",
        "Participants will discover regional know-how, museums and local cuisine.",
    ),
    (
        "Une exposition itinérante présentera des œuvres créées pendant l’année croisée.",
        "Передвижная выставка представит работы, созданные в течение перекрёстного года.",
        "A travelling exhibition will show works created during the cross year.",
    ),
    (
        "Les échanges se poursuivront en ligne grâce à des webinaires bilingues.",
        "Обмен продолжится онлайн в формате двуязычных вебинаров.",
        "The exchanges will continue online through bilingual webinars.",
    ),
    (
        "Ce partenariat s’appuie sur un jumelage ancien, signé il y a plus de trente ans.",
        "Это партнёрство опирается на давнее побратимство, подписанное более тридцати лет назад.",
        "This partnership builds on a twinning signed more than thirty years ago.",
    ),
    (
        "Un colloque scientifique réunira chercheurs et doctorants des deux pays.",
        "Научная конференция соберёт исследователей и аспирантов двух стран.",
        "A scientific conference will gather researchers and doctoral students from both countries.",
    ),
    (
        "Les écoles de {fr} accueilleront une délégation de jeunes venus de {ru}.",
        "Школы города {fr} примут делегацию молодёжи из города {ru}.",
        "Schools in {fr} will host a youth delegation from {ru}.",
    ),
    (
        "La dentelle, le lin, la porcelaine et l’émail seront à l’honneur.",
        "Кружево, лён, фарфор и финифть будут в центре внимания.",
        "Lace, linen, porcelain and enamel will be in the spotlight.",
    ),
    (
        "Des chefs cuisineront ensemble des produits régionaux : fromages, miel, baies sauvages.",
        "Повара вместе приготовят блюда из региональных продуктов: сыров, мёда, лесных ягод.",
        "Chefs will cook together with regional produce: cheeses, honey, wild berries.",
    ),
    (
        "Le public pourra suivre les rencontres sportives en direct.",
        "Зрители смогут следить за спортивными встречами в прямом эфире.",
        "The public will be able to follow the sports events live.",
    ),
    (
        "Un accord de coopération sera signé lors de la visite officielle à {ru}.",
        "Соглашение о сотрудничестве будет подписано во время официального визита в город {ru}.",
        "A cooperation agreement will be signed during the official visit to {ru}.",
    ),
    (
        "Une conférence sur le développement durable des territoires ruraux aura lieu à {fr}.",
        "В городе {fr} пройдёт конференция об устойчивом развитии сельских территорий.",
        "A conference on the sustainable development of rural areas will take place in {fr}.",
    ),
]
WITHDRAWAL_REASONS = [
    "Annulé par les partenaires.",
    "Reporté sans date.",
    "Doublon d’un autre projet.",
]
