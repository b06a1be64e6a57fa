"""
Demo content for the portfolio: four categories, six organizations and fourteen projects, loaded
by ``manage.py load_demo`` (and so by ``make run``) into an empty database.

Everything is fictional and lives in the same Novograd Region as the news demo: the member
companies (SteriLine, Medisintez, NovoCaps, Aurora BioTech, Biolek Pharma) and the Novograd
Technopark. Publication dates are counted back from today; project years are absolute. There are
three featured projects (the home page shows them), one draft, one project without a cover (its
shared card is drawn) and galleries on most entries. Every picture is drawn by
``clusterportal.demo_images`` and stored in the picture library, 51 in all, so loading stays quick.
"""

from dataclasses import dataclass, field

from django.conf import settings

from clusterportal.demo_dates import days_ago_at
from clusterportal.demo_images import cover_description, cover_picture
from clusterportal.models import Picture, Status
from portfolio.models import Category, Entry, GalleryItem, KeyFigure, Organization, ProjectStatus

COVER_SIZE = (1200, 675)
GALLERY_SIZE = (960, 640)  # 3:2 like a photograph; small enough to keep load_demo quick

#: (name, slug), in the order visitors are offered them.
CATEGORIES = [
    ("Production", "production"),
    ("Research and development", "research-and-development"),
    ("Education", "education"),
    ("Infrastructure", "infrastructure"),
]
PRODUCTION, RND, EDUCATION, INFRASTRUCTURE = (slug for _name, slug in CATEGORIES)

#: key -> (name, website)
ORGANIZATIONS = {
    "steriline": ("SteriLine", "https://steriline.example.com/"),
    "medisintez": ("Medisintez", "https://medisintez.example.com/"),
    "novocaps": ("NovoCaps", "https://novocaps.example.com/"),
    "aurora": ("Aurora BioTech", "https://aurora-biotech.example.com/"),
    "biolek": ("Biolek Pharma", "https://biolek.example.com/"),
    "technopark": ("Novograd Technopark", "https://technopark.example.org/"),
}

CREDITS = {
    "steriline": "© SteriLine",
    "medisintez": "Photo: Medisintez",
    "novocaps": "© NovoCaps",
    "aurora": "Photo: Aurora BioTech",
    "biolek": "© Biolek Pharma",
    "technopark": "Photo: Novograd Technopark",
}


@dataclass(frozen=True)
class Shot:
    """A picture: the words drawn on it, its motif and the caption under it."""

    label: str
    motif: str
    caption: str


@dataclass(frozen=True)
class DemoEntry:
    title: str
    category: str  # a slug from CATEGORIES
    organization: str  # a key of ORGANIZATIONS
    location: str
    years: tuple[int, int | None]
    project_status: str
    days_ago: int  # published that many days before today, at noon Moscow time
    summary: str
    body: str
    key_figures: tuple[tuple[str, str], ...]
    cover: Shot | None
    gallery: tuple[Shot, ...] = field(default=())
    featured: bool = False
    status: str = Status.PUBLISHED


def has_content() -> bool:
    return Category.objects.exists() or Entry.objects.exists()


def load(stdout=None) -> None:
    categories = {
        slug: Category.objects.create(name=name, slug=slug, position=(index + 1) * 10)
        for index, (name, slug) in enumerate(CATEGORIES)
    }
    organizations = {
        key: Organization.objects.create(name=name, website=website) for key, (name, website) in ORGANIZATIONS.items()
    }
    pictures = 0
    for number, item in enumerate(ENTRIES, start=1):
        credit = CREDITS[item.organization]
        entry = Entry(
            title=item.title,
            category=categories[item.category],
            organization=organizations[item.organization],
            location=item.location,
            year_started=item.years[0],
            year_completed=item.years[1],
            project_status=item.project_status,
            summary=item.summary,
            body=item.body,
            featured=item.featured,
            status=item.status,
            published_at=None if item.status == Status.DRAFT else days_ago_at(item.days_ago),
        )
        if item.cover:
            entry.cover = _picture(item.cover, seed=200 + number, size=COVER_SIZE, credit=credit, title=item.title)
            pictures += 1
        entry.full_clean()
        entry.save()
        KeyFigure.objects.bulk_create(
            KeyFigure(entry=entry, label=label, value=value, position=(index + 1) * 10)
            for index, (label, value) in enumerate(item.key_figures)
        )
        for index, shot in enumerate(item.gallery):
            picture = _picture(shot, seed=300 + 10 * number + index, size=GALLERY_SIZE, credit=credit, title=item.title)
            GalleryItem.objects.create(entry=entry, picture=picture, position=(index + 1) * 10)
            pictures += 1
    if stdout is not None:
        stdout.write(
            f"Portfolio: loaded {len(categories)} categories, {len(organizations)} organizations, "
            f"{len(ENTRIES)} projects and {pictures} pictures."
        )


def _picture(shot: Shot, *, seed: int, size: tuple[int, int], credit: str, title: str) -> Picture:
    image = cover_picture(shot.label, seed=seed, size=size, brand=settings.SITE_NAME, motif=shot.motif)
    picture = Picture(
        image=image,
        title=f"{title}: {shot.label}",
        alt_text=cover_description(shot.label, seed=seed, motif=shot.motif),
        caption=shot.caption,
        credit=credit,
    )
    picture.full_clean()
    picture.save()
    return picture


# --- the projects, newest published first --------------------------------------------------------

ENTRIES: list[DemoEntry] = [
    DemoEntry(
        title="Aseptic filling line for vials and prefilled syringes",
        category=PRODUCTION,
        organization="steriline",
        location="Novograd, Severny industrial zone",
        years=(2024, 2026),
        project_status=ProjectStatus.COMPLETED,
        days_ago=8,
        featured=True,
        summary=(
            "An isolator line that fills up to 40 million vials and prefilled syringes a year passed its GMP "
            "inspection with no critical or major findings and starts commercial batches in December."
        ),
        body=(
            "<p>SteriLine built its second production hall around a single isolator filling line for liquid "
            "sterile products. The line washes, sterilises, fills and closes vials and prefilled syringes "
            "without an operator ever reaching into the grade A zone: every intervention is made through "
            "gloves, and the isolator is decontaminated with hydrogen peroxide between campaigns.</p>"
            "<p>The line will first fill anticoagulants and antibiotics from SteriLine’s own portfolio, then "
            "products made under contract for other cluster members that have no sterile capacity of their "
            "own. Three member companies have already signed letters of intent.</p>"
            "<h2>How it was built</h2>"
            "<p>Construction started in spring 2024; the hall was handed over in autumn 2025 and the line was "
            "qualified over the winter. The contamination control strategy was written by a joint team of "
            "engineers and microbiologists and reviewed by the cluster’s quality working group before the "
            "inspection.</p>"
            "<blockquote><p>“The inspectors told us our strategy was one of the clearest they had seen. That "
            "is the work of fifty people who wrote it together.”</p>"
            "<p>— Andrei Belov, Managing Director, SteriLine</p></blockquote>"
        ),
        key_figures=(
            ("Investment", "RUB 3.4 billion"),
            ("Capacity", "40 million units a year"),
            ("New jobs", "120"),
            ("Filling speed", "6,000 vials an hour"),
        ),
        cover=Shot("Aseptic filling", "flasks", "The isolator filling line during its qualification runs."),
        gallery=(
            Shot("Isolator line", "hexagons", "The isolator seen from the operators’ side, with its glove ports."),
            Shot("Vial washer", "flasks", "Vials leave the washer for the depyrogenation tunnel."),
            Shot("Clean room", "hexagons", "The grade B corridor around the isolator."),
            Shot("QC laboratory", "flasks", "Microbiologists read environmental monitoring plates."),
            Shot("Warehouse", "capsules", "The cold store for finished products, at 2–8 °C."),
        ),
    ),
    DemoEntry(
        title="Cold-chain logistics hub at the M-12 junction",
        category=INFRASTRUCTURE,
        organization="technopark",
        location="Kamensk, M-12 motorway junction",
        years=(2027, None),
        project_status=ProjectStatus.PLANNED,
        days_ago=30,
        summary=(
            "A shared warehouse for temperature-controlled medicines, run by the Technopark for member "
            "companies that today store and ship through three other regions."
        ),
        body=(
            "<p>Most medicines made in the cluster leave the region through distributors’ warehouses "
            "elsewhere. The hub will let member companies store finished products at 2–8 °C and at controlled "
            "room temperature in the region, and ship them directly to pharmacies and hospitals.</p>"
            "<p>The site at the junction of the M-12 motorway and the regional road to Novograd has been "
            "reserved; design work starts in 2027 and the first phase is planned to open in 2029.</p>"
        ),
        key_figures=(
            ("Warehouse area", "24,000 m²"),
            ("Pallet places", "30,000"),
            ("Investment", "RUB 2.2 billion"),
        ),
        cover=Shot("Logistics hub", "hexagons", "An early sketch of the hub and its loading bays."),
    ),
    DemoEntry(
        title="Biosimilar development programme",
        category=RND,
        organization="aurora",
        location="Novograd Academic Town",
        years=(2021, None),
        project_status=ProjectStatus.IN_PROGRESS,
        days_ago=60,
        featured=True,
        summary=(
            "Aurora BioTech’s first biosimilar, a monoclonal antibody for rheumatoid arthritis, has entered its "
            "comparative clinical trial at 28 hospitals."
        ),
        body=(
            "<p>The programme started in 2021 with a cell line developed together with the Institute of "
            "Molecular Biology under a grant from the regional fund. Process development and the production "
            "of clinical batches followed at Aurora’s cell culture plant in the Academic Town.</p>"
            "<p>The randomised, double-blind trial compares the biosimilar with the reference product in 540 "
            "patients and follows them for a year. Its main results are expected in 2028, after which the "
            "company plans to file for registration.</p>"
        ),
        key_figures=(
            ("Patients in the trial", "540"),
            ("Hospitals", "28"),
            ("Budget", "RUB 2.3 billion"),
            ("Main results expected", "2028"),
        ),
        cover=Shot("Biosimilar", "molecule", "A model of the antibody the programme is developing."),
        gallery=(
            Shot("Cell line", "molecule", "Cell bank vials are thawed for a new production run."),
            Shot("Bioreactor", "flasks", "A 200-litre bioreactor in the process development laboratory."),
            Shot("Purification", "hexagons", "Chromatography columns for purifying the antibody."),
            Shot("Trial start", "molecule", "The investigators’ meeting before the first patient was enrolled."),
        ),
    ),
    DemoEntry(
        title="Cleanroom simulator for aseptic operators",
        category=EDUCATION,
        organization="steriline",
        location="Regional GMP Training Centre, Novograd",
        years=(2025, 2026),
        project_status=ProjectStatus.COMPLETED,
        days_ago=90,
        summary=(
            "A full-size grade B cleanroom with an isolator mock-up, built with SteriLine’s engineers, where "
            "operators practise gowning and interventions before they work on a real line."
        ),
        body=(
            "<p>The simulator reproduces a gowning room, a grade B corridor and a full-size mock-up of an "
            "isolator filling line. SteriLine designed the mock-up from the drawings of its own line and "
            "lent two engineers to the training centre for the installation.</p>"
            "<p>Cameras record every session, so that trainees can review their movements with an "
            "instructor. A fluorescent powder shows under ultraviolet light where contamination has spread "
            "from gloves and gowns.</p>"
        ),
        key_figures=(
            ("Area", "220 m²"),
            ("Operators trained a year", "300"),
            ("Investment", "RUB 95 million"),
        ),
        cover=Shot("Cleanroom simulator", "hexagons", "The gowning room of the simulator."),
        gallery=(
            Shot("Gowning", "hexagons", "Trainees practise the gowning procedure in front of a mirror."),
            Shot("Mock-up", "flasks", "The isolator mock-up with working glove ports."),
            Shot("UV check", "capsules", "Fluorescent powder shows where a glove touched the wrong surface."),
        ),
    ),
    DemoEntry(
        title="Active pharmaceutical ingredients plant",
        category=PRODUCTION,
        organization="medisintez",
        location="Novograd industrial park",
        years=(2026, None),
        project_status=ProjectStatus.IN_PROGRESS,
        days_ago=118,
        featured=True,
        summary=(
            "A plant for twenty active substances for cardiovascular and antiviral medicines, most of which "
            "cluster members now import; the first phase opens in 2028."
        ),
        body=(
            "<p>Medisintez broke ground in the Novograd industrial park in the summer of 2026. The first phase "
            "will produce twenty active substances, chosen with the member companies that use them, in "
            "multipurpose reactor trains and one continuous flow line.</p>"
            "<p>Continuous processing cuts solvent use and energy consumption by about a third compared with "
            "batch processes. The plant’s wastewater treatment facility was designed together with the "
            "regional environmental agency, which reviewed it before the building permit was issued.</p>"
        ),
        key_figures=(
            ("Investment", "RUB 6.5 billion"),
            ("Active substances", "20"),
            ("Jobs by 2028", "380"),
            ("First phase opens", "2028"),
        ),
        cover=Shot("API plant", "molecule", "The plant as the architects drew it."),
        gallery=(
            Shot("Groundbreaking", "hexagons", "The first pile is driven on the site in July 2026."),
            Shot("Site plan", "hexagons", "The site plan: reactor hall, warehouse, utilities and treatment plant."),
            Shot("Reactor hall", "molecule", "The steel frame of the reactor hall in October."),
            Shot("Flow chemistry", "flasks", "The pilot flow reactor in the company’s research centre."),
        ),
    ),
    DemoEntry(
        title="Greener synthesis route for an antiviral ingredient",
        category=RND,
        organization="medisintez",
        location="Novograd, Medisintez research centre",
        years=(2026, None),
        project_status=ProjectStatus.IN_PROGRESS,
        days_ago=140,
        summary=(
            "Replacing two chlorinated solvents and a metal catalyst in the synthesis of an antiviral active "
            "ingredient, with a grant from the regional industrial development fund."
        ),
        body=(
            "<p>The current route to the ingredient uses dichloromethane in two steps and a palladium "
            "catalyst that is expensive to remove from the product. The project develops an alternative "
            "route in water-based solvents with an enzyme for the key step.</p>"
            "<p>If the laboratory results hold at pilot scale, the new route will be used in the company’s "
            "plant now being built in the industrial park.</p>"
        ),
        key_figures=(
            ("Grant", "RUB 48 million"),
            ("Less solvent", "35 %"),
            ("Duration", "3 years"),
        ),
        cover=None,
    ),
    DemoEntry(
        title="Continuous manufacturing of tablets",
        category=RND,
        organization="biolek",
        location="Novograd, Biolek Pharma plant",
        years=(2026, None),
        project_status=ProjectStatus.IN_PROGRESS,
        days_ago=150,
        summary=(
            "Biolek Pharma and the Technical University are moving one tablet product from batch to continuous "
            "production, from the powder blend to the coated tablet."
        ),
        body=(
            "<p>In continuous manufacturing, powders flow through blending, granulation, compression and "
            "coating without stopping between steps, with sensors checking quality as the tablets are made. "
            "It shortens production time and reduces the amount of product at risk if something goes "
            "wrong.</p>"
            "<p>The project, funded in the regional fund’s 2026 call, will install a continuous line next to "
            "the existing batch equipment and compare the two on the same product.</p>"
        ),
        key_figures=(
            ("Grant", "RUB 62 million"),
            ("Shorter production time", "up to 70 %"),
            ("Duration", "3 years"),
        ),
        cover=Shot("Continuous tablets", "capsules", "Tablets leave the coating drum."),
    ),
    DemoEntry(
        title="Encapsulation lines 3 and 4",
        category=PRODUCTION,
        organization="novocaps",
        location="Zarechensk",
        years=(2024, 2025),
        project_status=ProjectStatus.COMPLETED,
        days_ago=270,
        summary=(
            "Two new lines doubled NovoCaps’ output to 9 billion hard capsules a year, half of it supplied to "
            "other cluster members."
        ),
        body=(
            "<p>NovoCaps added two high-speed encapsulation lines in a new hall at its Zarechensk plant. The "
            "investment was partly financed by a low-interest loan from the regional industrial development "
            "fund.</p>"
            "<p>The new lines make gelatine and plant-based capsules in all common sizes. Half of their output "
            "goes to member companies, which save on transport and can order smaller batches.</p>"
        ),
        key_figures=(
            ("Investment", "RUB 1.4 billion"),
            ("Capacity", "9 billion capsules a year"),
            ("New jobs", "85"),
        ),
        cover=Shot("Capsule lines", "capsules", "Capsule halves on their way to the sorting station."),
        gallery=(
            Shot("Dipping", "capsules", "Pins are dipped in gelatine to form the capsule shells."),
            Shot("Sorting", "capsules", "A camera inspects every capsule for defects."),
            Shot("New hall", "hexagons", "The new production hall before the lines were installed."),
        ),
    ),
    DemoEntry(
        title="Joint formulation laboratory with the medical university",
        category=EDUCATION,
        organization="biolek",
        location="Novograd State Medical University",
        years=(2024, 2025),
        project_status=ProjectStatus.COMPLETED,
        days_ago=385,
        summary=(
            "A laboratory with the same equipment as Biolek Pharma’s plant, where students and researchers "
            "develop paediatric and modified-release dosage forms."
        ),
        body=(
            "<p>The laboratory has a fluid bed granulator, a tablet press and a coating pan identical to those "
            "at the company’s plant, so that formulations developed at the university can be transferred to "
            "production with minimal changes.</p>"
            "<p>Its first projects are mini-tablets and orally dispersible films for children, which are "
            "easier to swallow than conventional tablets.</p>"
        ),
        key_figures=(
            ("Students a year", "60"),
            ("Equipment", "RUB 140 million"),
            ("Dosage forms in development", "6"),
        ),
        cover=Shot("Joint laboratory", "flasks", "Students at the fluid bed granulator."),
        gallery=(
            Shot("Tablet press", "capsules", "The laboratory’s tablet press, the same model as at the plant."),
            Shot("Mini-tablets", "capsules", "Mini-tablets for children, two millimetres across."),
            Shot("Lecture", "flasks", "A practical session for fourth-year pharmacy students."),
        ),
    ),
    DemoEntry(
        title="Second pharmaceutical industrial site east of Novograd",
        category=INFRASTRUCTURE,
        organization="technopark",
        location="Vostochny, east of Novograd",
        years=(2025, None),
        project_status=ProjectStatus.IN_PROGRESS,
        days_ago=600,
        summary=(
            "85 hectares connected to water, gas and power at the region’s expense and offered to "
            "pharmaceutical investors on preferential terms."
        ),
        body=(
            "<p>The regional government allocated the land in 2024; the Technopark manages the site and "
            "its connection to utilities, which began in 2025. Investors lease plots at reduced rates and "
            "follow a simplified procedure for building permits.</p>"
            "<p>Three member companies have reserved plots. The first plant on the site is expected to start "
            "construction once the power substation is commissioned.</p>"
        ),
        key_figures=(
            ("Area", "85 hectares"),
            ("Plots", "12"),
            ("Utilities", "RUB 4.8 billion"),
            ("Plots reserved", "3"),
        ),
        cover=Shot("Industrial site", "hexagons", "The site seen from the regional road."),
        gallery=(
            Shot("Substation", "hexagons", "Foundations of the 110 kV substation."),
            Shot("Water main", "flasks", "Laying the water main along the site’s northern edge."),
            Shot("Plots", "hexagons", "Survey markers on plot 4, reserved by a member company."),
        ),
    ),
    DemoEntry(
        title="Shared analytical centre",
        category=INFRASTRUCTURE,
        organization="technopark",
        location="Novograd Technopark, building 3",
        years=(2022, 2024),
        project_status=ProjectStatus.COMPLETED,
        days_ago=720,
        summary=(
            "Mass spectrometry, NMR and stability chambers that small and medium-sized member companies book "
            "by the hour instead of buying them."
        ),
        body=(
            "<p>The centre’s instruments include a high-resolution mass spectrometer, a nuclear magnetic "
            "resonance spectrometer, a particle size analyser and climate chambers for stability studies "
            "under all standard conditions.</p>"
            "<p>Member companies book the instruments by the hour, with or without an operator from the centre. "
            "The equipment was bought with a federal grant and contributions from six member companies.</p>"
        ),
        key_figures=(
            ("Instruments", "14"),
            ("Companies using it", "23"),
            ("Federal grant", "RUB 480 million"),
        ),
        cover=Shot("Analytical centre", "flasks", "The mass spectrometry room."),
        gallery=(
            Shot("Mass spectrometry", "molecule", "The high-resolution mass spectrometer."),
            Shot("NMR", "molecule", "The NMR spectrometer in its shielded room."),
            Shot("Stability", "flasks", "Climate chambers for long-term stability studies."),
            Shot("Particle size", "capsules", "Measuring the particle size of a powder blend."),
            Shot("Booking desk", "hexagons", "Member companies book instruments at the centre’s desk or online."),
        ),
    ),
    DemoEntry(
        title="Regional GMP Training Centre",
        category=EDUCATION,
        organization="technopark",
        location="Novograd, 12 Universitetskaya Street",
        years=(2022, 2024),
        project_status=ProjectStatus.COMPLETED,
        days_ago=795,
        summary=(
            "A renovated building next to the medical university, with classrooms, a teaching laboratory and "
            "a pilot production area, training up to 1,500 specialists a year."
        ),
        body=(
            "<p>The cluster and the regional government founded the centre; the Technopark renovated the "
            "building and runs it. Courses cover good manufacturing, laboratory and distribution practice, "
            "validation, quality risk management and the work of the qualified person.</p>"
            "<p>Employees of member companies receive a discount on all courses.</p>"
        ),
        key_figures=(
            ("Trainees a year", "up to 1,500"),
            ("Classrooms", "4"),
            ("Investment", "RUB 350 million"),
        ),
        cover=Shot("Training centre", "hexagons", "The entrance of the training centre."),
        gallery=(
            Shot("Classroom", "hexagons", "A validation course in the largest classroom."),
            Shot("Teaching lab", "flasks", "The teaching laboratory for quality control analysts."),
            Shot("Pilot area", "capsules", "Tablet and liquid filling equipment in the pilot production area."),
            Shot("Opening", "hexagons", "The opening of the centre in 2024."),
        ),
    ),
    DemoEntry(
        title="Cell culture production building",
        category=PRODUCTION,
        organization="aurora",
        location="Novograd Academic Town",
        years=(2019, 2021),
        project_status=ProjectStatus.COMPLETED,
        days_ago=1000,
        summary=(
            "The region’s first biotechnology plant: two 2,000-litre bioreactors for monoclonal antibodies, "
            "from cell bank to purified substance."
        ),
        body=(
            "<p>Aurora BioTech built the plant in the Academic Town, next to the institutes whose research "
            "it turns into products. It makes the active substance of the company’s biosimilars, from the "
            "working cell bank to the purified antibody.</p>"
            "<p>The plant also produces clinical batches for the company’s development programmes.</p>"
        ),
        key_figures=(
            ("Bioreactors", "2 × 2,000 L"),
            ("Investment", "RUB 4.1 billion"),
            ("Jobs", "160"),
        ),
        cover=Shot("Cell culture plant", "molecule", "The production building in the Academic Town."),
        gallery=(
            Shot("Bioreactors", "flasks", "The two 2,000-litre single-use bioreactors."),
            Shot("Media prep", "flasks", "Preparing cell culture media."),
            Shot("Control room", "hexagons", "Operators follow every batch from the control room."),
            Shot("Cold room", "capsules", "Purified substance is stored frozen until filling."),
        ),
    ),
    DemoEntry(
        title="Fill-finish line for biologics",
        category=PRODUCTION,
        organization="aurora",
        location="Novograd Academic Town",
        years=(2027, None),
        project_status=ProjectStatus.PLANNED,
        days_ago=0,
        summary="A filling line for Aurora BioTech’s own antibodies, so that no batch leaves the region to be filled.",
        body="<p><strong>Draft for the board; figures to be confirmed.</strong></p>",
        key_figures=(("Investment", "about RUB 1.9 billion"), ("Start of construction", "2027")),
        cover=Shot("Fill-finish", "flasks", "A concept drawing of the fill-finish line."),
        status=Status.DRAFT,
    ),
]
