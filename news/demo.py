"""
Demo content for the newsroom: four categories and two dozen articles, loaded by
``manage.py load_demo`` (and so by ``make run``) into an empty database.

Everything is fictional: the Novograd Region, its pharmaceutical cluster, the member companies
and the people quoted. Dates are counted back from today, so the list always has articles in
three calendar years, several pages and one item of each workflow state staff should see:
a draft and a scheduled article.
"""

import re
from dataclasses import dataclass

from django.conf import settings

from clusterportal.demo_dates import days_ago_at
from clusterportal.demo_images import cover_description, cover_picture
from clusterportal.models import Picture, Status
from news.models import Article, Category

#: (name, slug), in the order visitors are offered them.
CATEGORIES = [
    ("GMP News", "gmp-news"),
    ("Cluster news", "cluster-news"),
    ("Events", "events"),
    ("Research and development", "research-and-development"),
]

GMP, CLUSTER, EVENTS, RND = (slug for _name, slug in CATEGORIES)


@dataclass(frozen=True)
class DemoArticle:
    title: str
    category: str  # a slug from CATEGORIES
    when: tuple[int, int, int]  # days before today, hour, minute (Moscow time); negative days: future
    lead: str
    body: str
    cover_label: str = ""  # the words on the generated cover; empty: no cover
    cover_motif: str | None = None  # a key of clusterportal.demo_images.MOTIFS; None: the seed picks
    source_name: str = ""
    source_url: str = ""
    status: str = Status.PUBLISHED


def has_content() -> bool:
    return Category.objects.exists() or Article.objects.exists()


def load(stdout=None) -> None:
    categories = {
        slug: Category.objects.create(name=name, slug=slug, position=(index + 1) * 10)
        for index, (name, slug) in enumerate(CATEGORIES)
    }
    for seed, item in enumerate(ARTICLES, start=1):
        article = Article(
            title=item.title,
            category=categories[item.category],
            lead=item.lead,
            body=_html(item.body),
            source_name=item.source_name,
            source_url=item.source_url,
            status=item.status,
            published_at=None if item.status == Status.DRAFT else days_ago_at(*item.when),
        )
        if item.cover_label:
            article.cover = Picture.objects.create(
                image=cover_picture(item.cover_label, seed=seed, brand=settings.SITE_NAME, motif=item.cover_motif),
                title=item.cover_label,
                alt_text=cover_description(item.cover_label, seed=seed, motif=item.cover_motif),
                credit="Illustration: Pharma Cluster press office",
            )
        article.full_clean()
        article.save()
    if stdout is not None:
        stdout.write(f"News: loaded {len(categories)} categories and {len(ARTICLES)} articles.")


_BLOCK_START = re.compile(r"</?(p|h[2-4]|ul|ol|li|blockquote|table|thead|tbody|tr|th|td|hr)\b")


def _html(source: str) -> str:
    """Join the source's wrapped lines: a line opening a block starts a new line, others continue."""
    lines: list[str] = []
    for raw in source.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if lines and not _BLOCK_START.match(line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
    return "\n".join(lines)


# --- the articles, newest first ----------------------------------------------------------------

ANNEX_1_GUIDE = """
<p>More than two years after the revised Annex 1 to the GMP Guide became mandatory for sterile medicinal
products, the cluster’s quality working group has compared notes from eleven inspections of member
sites. The picture is encouraging, but uneven: companies that treated the revision as a project
with a budget and an owner are now being praised by inspectors, while those that updated a handful
of procedures and waited are receiving the same findings again and again. This guide summarises
what the working group learned, what inspectors actually ask to see, and how the cluster can help.</p>
<p>It is written for quality directors, production managers and engineers at member companies that
make or plan to make sterile products, and for suppliers of equipment and services to them. It is
not a substitute for the text of the Annex itself, which every sterile manufacturer should read in
full, nor for the advice of a qualified person.</p>
<h2>Why the revision matters</h2>
<p>The previous version of Annex 1 was a short document, largely a list of cleanroom limits and good
practices. The revision is about five times longer and changes its character: instead of telling
manufacturers what to do, it asks them to understand their own process well enough to explain why
what they do is sufficient. The central idea is the <strong>contamination control strategy</strong>,
a single document that describes every measure a site takes against microbial, particulate and
pyrogen contamination, how those measures work together, and how the site knows they are working.</p>
<p>Inspectors read that document first. In the words of one of them, speaking at the cluster’s
quality seminar in March, a good strategy lets an inspector predict what they will see on the shop
floor; a poor one makes them look for what the site has not thought about. The practical
consequence is that gaps which used to be minor observations, such as an unjustified sampling point
or an undocumented airflow study, are now linked to the strategy and can be graded as major.</p>
<blockquote>
<p>“Annex 1 does not reward paperwork. It rewards a team that understands where contamination can
come from and can show, with data, that each route is closed. The companies that did well in our
inspections are the ones whose engineers and microbiologists wrote the strategy together.”</p>
<p>— Dr Irina Volkova, head of the cluster’s GMP Training Centre</p>
</blockquote>
<h2>What changes on the shop floor</h2>
<h3>The contamination control strategy</h3>
<p>The working group found that the strongest strategies share a structure. They begin with a map
of the process and the facility, identify every point at which product, components or critical
surfaces are exposed, and then work through the sources of contamination at each point: people,
air, water, materials, equipment and the process itself. For each source they name the controls,
the monitoring that shows the controls work, and the limits that trigger action. The document is
owned by a named person, reviewed at least once a year and every time something significant
changes, and it refers to the detailed procedures rather than repeating them.</p>
<p>Weaker strategies are written by one person in the quality department, describe controls in
general terms and are never updated. Inspectors notice quickly when the strategy describes a
process the operators do not recognise.</p>
<h3>Barrier technology</h3>
<p>The Annex expects restricted access barrier systems or isolators for aseptic processing, and asks
manufacturers who use neither to justify the alternative. Of the five member sites that fill
products aseptically, four now use isolators or closed RABS on all lines, and the fifth has a
replacement line on order. The most common findings concerned glove integrity testing, which must
be done at defined intervals and after any intervention that could damage a glove, and the
decontamination cycles of isolators, whose development studies must show a reproducible reduction
of biological indicators at the worst-case locations.</p>
<h3>Environmental and process monitoring</h3>
<p>Continuous particle monitoring in grade A zones is now standard, and inspectors expect to see
that alarms are investigated, trends reviewed and sampling locations justified by risk rather than
convenience. Sites that had mapped their filling zones with smoke studies recorded on video had
little difficulty; sites that relied on drawings did. Microbial monitoring remains a frequent
source of findings, especially the identification of isolates to species level in grades A and B,
and the link between excursions and batch disposition.</p>
<h3>People and gowning</h3>
<p>People remain the largest source of contamination in a cleanroom. The Annex asks for gowning
qualification with periodic requalification, aseptic process simulations that include every
operator who works in the grade A zone, and training that explains the reasons for the rules, not
only the rules themselves. The training centre’s cleanroom simulator, due to open this summer, is
being built with this requirement in mind: operators will practise interventions under observation,
with their mistakes recorded on video and discussed afterwards.</p>
<h2>What inspectors asked to see</h2>
<p>Across the eleven inspections, the same requests came up often enough to list them. Member
companies preparing for an inspection should be able to produce each of the following within
minutes, not hours:</p>
<ul>
<li>the current contamination control strategy, with its review history and the names of the people
who wrote and approved it;</li>
<li>airflow visualisation studies for every grade A zone, recorded under dynamic conditions and
showing the operator interventions that are permitted;</li>
<li>the last three aseptic process simulations for each line, including the worst-case
interventions chosen and the rationale for choosing them;</li>
<li>trend reports for viable and non-viable monitoring for the last twelve months, with the
investigations of every excursion;</li>
<li>the qualification and requalification records of the operators on shift during the
inspection;</li>
<li>the pre-use post-sterilisation integrity test results for sterilising filters, or the risk
assessment justifying their absence.</li>
</ul>
<p>None of these is new, but the revision raised the expectation that they form one coherent story.
Several findings were raised not because a record was missing but because two records contradicted
each other, for example a simulation that included an intervention the airflow study showed to be
unsafe.</p>
<h2>How the cluster can help</h2>
<p>The quality working group agreed to turn its findings into a joint programme for 2026 and 2027.
It is open to every member company, free of charge for members with fewer than 250 employees, and
is co-financed from the regional industrial development fund.</p>
<table>
<thead>
<tr><th>When</th><th>What</th><th>For whom</th></tr>
</thead>
<tbody>
<tr><td>Every quarter</td><td>Peer review of contamination control strategies by two quality
directors from other member companies</td><td>Sites making sterile products</td></tr>
<tr><td>Monthly, from September</td><td>Two-day aseptic behaviour course in the cleanroom simulator</td><td>Operators,
supervisors, microbiologists</td></tr>
<tr><td>Twice a year</td><td>Mock inspection by a former inspector, with a written report</td><td>Sites
expecting an inspection within a year</td></tr>
<tr><td>On request</td><td>Airflow visualisation studies with the shared smoke generator and camera
kit</td><td>Any member company</td></tr>
<tr><td>Continuously</td><td>Anonymised register of inspection findings, updated after every
inspection</td><td>Quality departments of member companies</td></tr>
</tbody>
</table>
<p>Companies can register through the cluster office. The register of findings is already available
to quality departments on request; it currently holds 146 findings from inspections since 2024,
classified by topic and severity, with the corrective actions the companies took.</p>
<h3>Where to start</h3>
<p>For a site that has not yet begun, the working group recommends the following order:</p>
<ol>
<li>appoint an owner for the strategy and a small team including production, engineering,
microbiology and quality;</li>
<li>map the process and list every exposure point before writing a single procedure;</li>
<li>compare the existing controls with the Annex, section by section, and record the gaps in one
plan with dates and owners;</li>
<li>close the gaps that concern grade A and B first, then work outwards;</li>
<li>ask for a peer review before the next inspection, not after it.</li>
</ol>
<blockquote>
<p>“The revision has raised the bar, and our members have shown they can clear it. The most useful
thing the cluster can do is to make sure nobody learns the same lesson twice at their own
expense.”</p>
<p>— Elena Sokolova, Executive Director of the cluster</p>
</blockquote>
<hr>
<p><em>The quality working group meets on the first Tuesday of every month at the training centre.
Minutes of its meetings are sent to the quality contacts of all member companies.</em></p>
"""

GRANTS_2026 = """
<p>The regional industrial development fund has announced the winners of its 2026 call for applied
research in pharmaceuticals. Eleven projects by member companies and their academic partners will
share RUB 412 million over three years, with the companies adding at least the same amount from
their own budgets. Forty-three applications were received, the highest number since the programme
began in 2021.</p>
<p>The independent panel, chaired by Professor Natalia Belova of Novograd State Medical University,
scored applications on scientific quality, the readiness of the applicant to bring the result to
the market and the expected effect on production in the region. Projects involving a small company
and a university received additional points, as in previous rounds.</p>
<h3>The largest projects</h3>
<table>
<thead>
<tr><th>Project</th><th>Lead company</th><th>Partner</th><th>Grant, RUB million</th></tr>
</thead>
<tbody>
<tr><td>Continuous manufacturing of solid dosage forms</td><td>Biolek Pharma</td><td>Novograd State
Technical University</td><td>78</td></tr>
<tr><td>Cell line development for a monoclonal antibody biosimilar</td><td>Aurora BioTech</td><td>Institute
of Molecular Biology</td><td>74</td></tr>
<tr><td>Green synthesis route for an antiviral API</td><td>Medisintez</td><td>Novograd State
University</td><td>52</td></tr>
<tr><td>Prefilled syringes for a low-molecular-weight heparin</td><td>SteriLine</td><td>Novograd State
Medical University</td><td>41</td></tr>
<tr><td>Rapid microbiological methods for release testing</td><td>Fartek Laboratories</td><td>Institute
of Applied Microbiology</td><td>33</td></tr>
</tbody>
</table>
<p>The six smaller projects include child-friendly oral formulations, recyclable blister materials
and software for electronic batch records. Most of them involve companies that joined the cluster
in the last three years.</p>
<blockquote>
<p>“This is the first round in which every winning project has a named plant where the result will
be used. That was our aim when we redesigned the programme: research that ends up on a production
line in the region, not on a shelf.”</p>
<p>— Andrei Morozov, Minister of Industry and Trade of the Novograd Region</p>
</blockquote>
<p>Grant agreements will be signed in July. The fund will publish the next call in February; the
cluster office advises member companies on applications and helps them find academic partners.</p>
"""

ANNUAL_REPORT_2025 = """
<p>The cluster’s annual report for 2025, approved by the supervisory board on Tuesday, shows the
strongest year since the association was founded. Member companies produced medicines and
pharmaceutical ingredients worth RUB 96.4 billion, 14 per cent more than in 2024, and invested
RUB 11.8 billion in new capacity and equipment.</p>
<table>
<thead>
<tr><th>Indicator</th><th>2024</th><th>2025</th><th>Change</th></tr>
</thead>
<tbody>
<tr><td>Member companies</td><td>41</td><td>48</td><td>+7</td></tr>
<tr><td>Output, RUB billion</td><td>84.6</td><td>96.4</td><td>+14%</td></tr>
<tr><td>Exports, RUB billion</td><td>9.1</td><td>11.3</td><td>+24%</td></tr>
<tr><td>Employees</td><td>11,900</td><td>12,750</td><td>+7%</td></tr>
<tr><td>Products registered</td><td>1,120</td><td>1,236</td><td>+116</td></tr>
</tbody>
</table>
<p>Exports grew fastest, driven by generics shipped to Central Asia and active pharmaceutical
ingredients sold to manufacturers in the Middle East. The number of people employed by member
companies passed twelve thousand for the first time; almost a third of new employees had completed
a course at the cluster’s training centre.</p>
<blockquote>
<p>“Growth is welcome, but the figure I am proudest of is a different one: not a single member
company received a critical finding in a GMP inspection last year.”</p>
<p>— Elena Sokolova, Executive Director of the cluster</p>
</blockquote>
<p>The full report, with figures for each member company that agreed to publish them, is available
in the Publications section of the media center.</p>
"""

ARTICLES: list[DemoArticle] = [
    DemoArticle(
        title="SteriLine passes GMP inspection of its new aseptic filling line",
        category=GMP,
        when=(9, 11, 20),
        lead=(
            "Inspectors found no critical or major deficiencies at the new isolator line for vials and "
            "prefilled syringes, clearing the way for the first commercial batches in December."
        ),
        body="""
<p>SteriLine, the cluster’s largest manufacturer of sterile injectables, has completed a five-day
GMP inspection of its new aseptic filling line in Novograd with no critical or major deficiencies.
The inspectors raised four minor observations, concerning document formatting, the calibration
schedule of two temperature sensors and the labelling of cleaning agents.</p>
<p>The line, built in a new wing of the plant at a cost of RUB 2.3 billion, fills vials and
prefilled syringes inside an isolator and can produce up to 40 million units a year. It will be
used first for anticoagulants and antibiotics, then for products made under contract for other
cluster members.</p>
<blockquote>
<p>“Our team spent two years preparing for these five days. The inspectors looked hard at our
contamination control strategy, and it held up: they told us it was one of the clearest they had
seen.”</p>
<p>— Maxim Antonov, General Director of SteriLine</p>
</blockquote>
<p>The first commercial batches are planned for December, once the certificate is issued.</p>
""",
        cover_label="GMP inspection",
        source_name="Novograd Business Daily",
        source_url="https://www.example.org/novograd-business/2026/steriline-passes-gmp-inspection",
    ),
    DemoArticle(
        title="Twelve member companies sign a joint export charter",
        category=CLUSTER,
        when=(24, 15, 0),
        lead=(
            "The charter commits the signatories to shared market research, joint stands at trade fairs "
            "and a common pool of regulatory specialists for registrations abroad."
        ),
        body="""
<p>Twelve member companies signed a joint export charter at the cluster’s office on Tuesday. The
document, prepared over six months by the cluster’s export committee, sets out how the companies
will share the costs of entering new markets without competing for the same customers.</p>
<p>Under the charter, the cluster will commission market studies for five priority countries, book
joint stands at three international fairs a year and maintain a pool of regulatory specialists
familiar with registration procedures abroad. Each signatory pays a share of the costs in
proportion to its export revenue.</p>
<blockquote>
<p>“A small company cannot afford its own regulatory team in every country. Twelve companies
together can, and the buyers we meet take a cluster more seriously than a single exhibitor.”</p>
<p>— Anna Kovaleva, head of the cluster’s export programme</p>
</blockquote>
<p>The charter remains open for other member companies to join.</p>
""",
        cover_label="Export charter",
        cover_motif="hexagons",
        source_name="Regional Ministry of Industry and Trade",
        source_url="https://minprom.example.org/press/2026/joint-export-charter",
    ),
    DemoArticle(
        title="Pharma Cluster Forum 2026 brings 600 delegates to Novograd",
        category=EVENTS,
        when=(44, 18, 30),
        lead=(
            "Two days of plenary sessions, workshops and site visits ended with agreements worth RUB 5.2 "
            "billion and a new partnership between the cluster and two universities."
        ),
        body="""
<p>The fifth Pharma Cluster Forum closed on Thursday after two days of discussions on supply chain
resilience, digital quality systems and the training of specialists. More than 600 delegates from
regulators, manufacturers, universities and investors took part, a third of them from outside the
region.</p>
<p>Site visits to SteriLine, Medisintez and the training centre were fully booked within a day of
registration opening. On the second day, member companies signed supply and investment agreements
worth a total of RUB 5.2 billion, and the cluster agreed a partnership with Novograd State
University and Novograd State Technical University on joint master’s programmes in pharmaceutical
engineering.</p>
<blockquote>
<p>“Five years ago this forum was a meeting of neighbours. Today it is where suppliers, customers and
regulators come to find out what our industry will need next.”</p>
<p>— Andrei Morozov, Minister of Industry and Trade of the Novograd Region</p>
</blockquote>
<p>Recordings of the plenary sessions are available in the Videos section of the media center.</p>
""",
        cover_label="Forum 2026",
    ),
    DemoArticle(
        title="Aurora BioTech starts a clinical trial of its first biosimilar",
        category=RND,
        when=(66, 10, 0),
        lead=(
            "The comparative trial will enrol 540 patients with rheumatoid arthritis at 28 hospitals and "
            "is expected to report its main results in 2028."
        ),
        body="""
<p>Aurora BioTech has dosed the first patient in a clinical trial comparing its biosimilar
monoclonal antibody with the reference product in patients with rheumatoid arthritis. The
randomised, double-blind trial will enrol 540 patients at 28 hospitals and follow them for a year.</p>
<p>The antibody is produced at the company’s plant in the Novograd Technopark, which opened in 2023
and was the first biotechnology facility in the region. The cell line was developed with the
Institute of Molecular Biology under an earlier grant from the regional fund.</p>
<blockquote>
<p>“Every step of this product, from the cell line to the filled syringe, was made within fifty
kilometres of our laboratory. That is what a cluster makes possible.”</p>
<p>— Dr Konstantin Gromov, Chief Scientific Officer of Aurora BioTech</p>
</blockquote>
""",
        cover_label="Clinical trial",
        source_name="Pharma Business Review",
        source_url="https://www.example.com/pharma-business-review/aurora-biotech-biosimilar-trial",
    ),
    DemoArticle(
        title="Training centre opens a cleanroom simulator for aseptic operators",
        category=GMP,
        when=(92, 12, 0),
        lead=(
            "A full-size grade B cleanroom with an isolator mock-up lets operators practise gowning and "
            "interventions under observation before they work on a real line."
        ),
        body="""
<p>The cluster’s GMP Training Centre has opened a cleanroom simulator: a 120 square metre suite with
a gowning room, a grade B corridor and a full-size mock-up of an isolator filling line. Cameras
record every session, so that trainees can review their movements with an instructor.</p>
<p>The simulator uses fluorescent powder instead of microorganisms. After each exercise, trainees
see under ultraviolet light where the powder has spread from their gloves and gowns, which the
instructors say teaches more than any lecture.</p>
<blockquote>
<p>“An operator who has seen the powder on their own sleeve never again reaches over an open vial.
That is the kind of lesson that prevents a failed batch.”</p>
<p>— Dr Irina Volkova, head of the cluster’s GMP Training Centre</p>
</blockquote>
<p>Courses run every month; member companies receive a 40 per cent discount.</p>
""",
        cover_label="Cleanroom simulator",
        source_name="Novograd Today",
        source_url="https://news.example.com/novograd-today/training-centre-cleanroom-simulator",
    ),
    DemoArticle(
        title="Medisintez breaks ground on an active pharmaceutical ingredients plant",
        category=CLUSTER,
        when=(120, 11, 0),
        lead=(
            "The RUB 6.5 billion plant will produce twenty active substances for cardiovascular and "
            "antiviral medicines and create 380 jobs by 2028."
        ),
        body="""
<p>Medisintez has started construction of a plant for active pharmaceutical ingredients at the
Novograd industrial park. The first phase, due for completion in 2028, will produce twenty active
substances for cardiovascular and antiviral medicines, most of which are currently imported by
cluster members.</p>
<p>The plant will use continuous flow reactors for several synthesis steps, reducing solvent
consumption by about a third compared with batch processes. Its wastewater treatment facility has
been designed with the regional environmental agency.</p>
<blockquote>
<p>“Half of our future customers are our neighbours in the cluster. Shorter supply chains mean
fewer surprises for everyone.”</p>
<p>— Dmitry Fedorov, General Director of Medisintez</p>
</blockquote>
""",
        cover_label="New API plant",
        cover_motif="molecule",
        source_name="Chemical Industry Weekly",
        source_url="https://www.example.org/chemical-industry-weekly/medisintez-api-plant",
    ),
    DemoArticle(
        title="Regional fund awards RUB 412 million to eleven pharmaceutical R&D projects",
        category=RND,
        when=(162, 16, 45),
        lead=(
            "Continuous manufacturing, a biosimilar cell line and a greener route to an antiviral "
            "ingredient lead the list of projects funded in the 2026 call."
        ),
        body=GRANTS_2026,
        cover_label="R&D grants",
        cover_motif="molecule",
        source_name="Novograd Region Industrial Development Fund",
        source_url="https://fund.example.org/news/2026-call-results",
    ),
    DemoArticle(
        title="Data integrity seminar draws quality teams from 30 companies",
        category=EVENTS,
        when=(191, 17, 0),
        lead=(
            "Inspectors, auditors and IT specialists discussed audit trails, electronic signatures and the "
            "most common data integrity findings of the past year."
        ),
        body="""
<p>Around ninety specialists from thirty companies attended the cluster’s spring seminar on data
integrity, held at the training centre. Speakers included a former inspector, two auditors and the
IT directors of Biolek Pharma and Vitalis Generics.</p>
<p>The most discussed topic was the review of audit trails in laboratory systems: how often to do
it, who should do it and how to record it. Participants agreed to draft a common template for
member companies, to be presented at the autumn seminar.</p>
""",
        source_name="Cluster quality working group",
        source_url="https://www.example.org/quality-group/data-integrity-seminar-2026",
    ),
    DemoArticle(
        title="Contamination control under the revised Annex 1: lessons from eleven inspections",
        category=GMP,
        when=(233, 9, 30),
        lead=(
            "The cluster’s quality working group has analysed the findings of eleven GMP inspections of "
            "sterile manufacturing sites and sets out what inspectors ask to see and how the cluster helps."
        ),
        body=ANNEX_1_GUIDE,
        cover_label="Annex 1 guide",
        source_name="Cluster quality working group",
        source_url="https://www.example.org/quality-group/annex-1-lessons",
    ),
    DemoArticle(
        title="NovoCaps doubles its capsule production capacity",
        category=CLUSTER,
        when=(275, 13, 15),
        lead=(
            "Two new encapsulation lines raise the company’s output to 9 billion hard capsules a year, "
            "half of which will be supplied to other cluster members."
        ),
        body="""
<p>NovoCaps has commissioned two new lines for hard gelatine and plant-based capsules, doubling its
annual capacity to 9 billion capsules. The investment of RUB 1.4 billion was partly financed by a
low-interest loan from the regional industrial development fund.</p>
<p>Plant-based capsules made from hypromellose account for a growing share of orders, from makers
of both medicines and dietary supplements.</p>
<blockquote>
<p>“Our neighbours no longer need to import capsules, and we no longer need to look far for
customers. Both sides save on logistics and on time.”</p>
<p>— Sergei Kuznetsov, Chief Executive of NovoCaps</p>
</blockquote>
""",
        cover_label="Capsule production",
        cover_motif="capsules",
        source_name="Pharma Business Review",
        source_url="https://www.example.com/pharma-business-review/novocaps-doubles-capacity",
    ),
    DemoArticle(
        title="Annual report 2025: cluster output grows by 14 per cent",
        category=CLUSTER,
        when=(303, 14, 0),
        lead=(
            "Member companies produced goods worth RUB 96.4 billion, exports grew by a quarter and "
            "employment passed twelve thousand for the first time."
        ),
        body=ANNUAL_REPORT_2025,
        cover_label="Annual report 2025",
    ),
    DemoArticle(
        title="Winter school for young quality specialists",
        category=EVENTS,
        when=(352, 10, 30),
        lead=(
            "Forty graduates spent a week on case studies, audits and plant visits; twelve of them have "
            "already received job offers from member companies."
        ),
        body="""
<p>The cluster’s second winter school for young quality specialists brought together forty
graduates in pharmacy, chemistry and biology from six universities. Over five days they worked
through real (anonymised) deviations and complaints, took part in a mock audit and visited three
plants.</p>
<p>By the end of the week, member companies had offered jobs to twelve participants. The next
winter school will take place in January; applications open in October.</p>
""",
        cover_label="Winter school",
    ),
    DemoArticle(
        title="University and Biolek Pharma open a joint formulation laboratory",
        category=RND,
        when=(387, 12, 30),
        lead=(
            "The laboratory at Novograd State Medical University will develop paediatric and modified-"
            "release dosage forms and train students on industrial equipment."
        ),
        body="""
<p>Novograd State Medical University and Biolek Pharma have opened a joint laboratory for the
development of dosage forms. Equipped with a fluid bed granulator, a tablet press and a coating
pan identical to those used at the company’s plant, it allows formulations developed by students
and researchers to be transferred to production with minimal changes.</p>
<p>The first projects concern paediatric formulations: mini-tablets and oral powders that are
easier for children to take than conventional tablets.</p>
<blockquote>
<p>“Our students will graduate having already worked on the equipment they will meet in industry.
Our researchers get a direct route from the bench to the patient.”</p>
<p>— Professor Natalia Belova, Vice-Rector for Research, Novograd State Medical University</p>
</blockquote>
""",
        cover_label="Joint laboratory",
        cover_motif="flasks",
        source_name="Novograd State Medical University",
        source_url="https://www.example.org/university/news/joint-formulation-laboratory",
    ),
    DemoArticle(
        title="Eight member companies present a joint stand at a European ingredients fair",
        category=EVENTS,
        when=(408, 19, 0),
        lead=(
            "The cluster’s stand hosted more than 200 meetings with buyers and distributors from 34 "
            "countries over three days."
        ),
        body="""
<p>For the first time, eight member companies exhibited together under the cluster’s name at a major
European fair for pharmaceutical ingredients and contract services. The shared stand, financed
partly by the regional export support centre, hosted more than 200 scheduled meetings.</p>
<p>Medisintez and Fartek Laboratories reported the most interest, in active ingredients and in
contract analytical testing respectively.</p>
""",
        cover_label="Joint stand",
        source_name="Regional Export Support Centre",
        source_url="https://export.example.org/news/cluster-joint-stand",
    ),
    DemoArticle(
        title="Polymed Packaging receives a GMP certificate for primary packaging",
        category=GMP,
        when=(429, 11, 45),
        lead=(
            "The company is the first packaging manufacturer in the region certified to supply "
            "blister films and bottles in direct contact with medicines."
        ),
        body="""
<p>Polymed Packaging has been certified under GMP for the production of primary packaging materials:
blister films, high-density polyethylene bottles and child-resistant closures. The certificate
follows an inspection of its new cleanroom production hall, completed last spring.</p>
<p>Until now, most cluster members bought primary packaging from suppliers outside the region.
Polymed expects to supply ten member companies by the end of next year.</p>
""",
        source_name="Packaging Today",
        source_url="https://www.example.com/packaging-today/polymed-gmp-certificate",
    ),
    DemoArticle(
        title="Five companies join the cluster",
        category=CLUSTER,
        when=(472, 15, 30),
        lead=(
            "A contract research organisation, two equipment makers, a logistics company and a "
            "developer of diagnostic tests bring the number of members to 46."
        ),
        body="""
<p>The cluster’s general meeting has approved the membership of five companies: Kristall Diagnostics,
a developer of rapid diagnostic tests; two manufacturers of process equipment; a logistics
provider specialising in temperature-controlled transport; and a contract research organisation
specialising in early-phase clinical trials.</p>
<p>The new members bring the cluster to 46 companies, from start-ups with a handful of employees
to plants employing more than a thousand people.</p>
""",
        cover_label="New members",
        cover_motif="hexagons",
        source_name="Novograd Business Daily",
        source_url="https://www.example.org/novograd-business/2025/five-companies-join-cluster",
    ),
    DemoArticle(
        title="Fartek Laboratories accredited for bioequivalence testing",
        category=RND,
        when=(520, 10, 15),
        lead=(
            "The contract laboratory can now run the bioanalytical part of bioequivalence studies, "
            "which member companies previously sent to laboratories in other regions."
        ),
        body="""
<p>Fartek Laboratories has been accredited to carry out the bioanalytical phase of bioequivalence
studies, measuring drug concentrations in blood samples from trial volunteers. The laboratory has
installed two liquid chromatography–mass spectrometry systems for the purpose.</p>
<p>Generic manufacturers in the cluster run about fifteen bioequivalence studies a year. Keeping
the analysis in the region shortens the time from the clinical phase to the registration dossier
by several weeks.</p>
""",
        cover_label="Bioequivalence",
        cover_motif="capsules",
        source_name="Pharma Business Review",
        source_url="https://www.example.com/pharma-business-review/fartek-bioequivalence-accreditation",
    ),
    DemoArticle(
        title="Vitalis Generics launches its hundredth product",
        category=CLUSTER,
        when=(618, 12, 0),
        lead=(
            "A generic version of a widely used anticoagulant marks the milestone for the company, "
            "which launched its first product in 2012."
        ),
        body="""
<p>Vitalis Generics has launched its hundredth registered product, a generic anticoagulant in
tablet form. The company, founded in 2011 with a single tablet line, now runs four production
halls and employs 720 people.</p>
<blockquote>
<p>“Our first product took four years from idea to pharmacy. This one took two. The difference is
experience, and neighbours we can call when we need help.”</p>
<p>— Olga Romanova, Head of Regulatory Affairs, Vitalis Generics</p>
</blockquote>
""",
        source_name="Novograd Today",
        source_url="https://news.example.com/novograd-today/vitalis-hundredth-product",
    ),
    DemoArticle(
        title="Shared analytical centre opens with mass spectrometry and stability chambers",
        category=RND,
        when=(723, 14, 30),
        lead=(
            "Small and medium-sized member companies can now book high-end analytical equipment by the "
            "hour instead of buying it."
        ),
        body="""
<p>The cluster has opened a shared analytical centre at the Novograd Technopark. Its equipment
includes a high-resolution mass spectrometer, a nuclear magnetic resonance spectrometer, a particle
size analyser and climate chambers for stability studies under all standard conditions.</p>
<p>Member companies book the instruments by the hour, with or without an operator from the centre.
The equipment was purchased with a federal grant and contributions from six member companies.</p>
""",
        cover_label="Analytical centre",
        cover_motif="flasks",
        source_name="Novograd Technopark",
        source_url="https://technopark.example.org/news/shared-analytical-centre",
    ),
    DemoArticle(
        title="Regional GMP Training Centre opens in Novograd",
        category=GMP,
        when=(800, 11, 0),
        lead=(
            "The centre, founded by the cluster and the regional government, will train up to 1,500 "
            "specialists a year in good manufacturing, laboratory and distribution practice."
        ),
        body="""
<p>The regional GMP Training Centre, founded by the cluster together with the regional government,
has opened in a renovated building next to the medical university. It has four classrooms, a
teaching laboratory and a pilot production area with tablet and liquid filling equipment.</p>
<p>The first courses cover the basics of good manufacturing practice for new employees, validation,
quality risk management and the work of the qualified person. Courses for laboratory analysts and
warehouse staff will follow in the spring.</p>
<blockquote>
<p>“Every company told us the same thing: they can buy equipment, but they cannot buy trained people.
This centre is our answer.”</p>
<p>— Elena Sokolova, Executive Director of the cluster</p>
</blockquote>
<p>Employees of member companies receive a discount on all courses.</p>
""",
        cover_label="Training centre",
        source_name="Regional Ministry of Industry and Trade",
        source_url="https://minprom.example.org/press/2024/gmp-training-centre-opens",
    ),
    DemoArticle(
        title="Land for a second pharmaceutical industrial site approved",
        category=CLUSTER,
        when=(919, 16, 0),
        lead=(
            "The 85-hectare site east of Novograd will be connected to water, gas and power at the "
            "region’s expense and offered to pharmaceutical investors on preferential terms."
        ),
        body="""
<p>The regional government has approved the allocation of 85 hectares east of Novograd for a second
industrial site dedicated to pharmaceutical and medical device manufacturing. The region will
finance the connection of the site to utilities; investors will be offered land lease at reduced
rates and a simplified procedure for building permits.</p>
<p>Three member companies have already expressed interest in plots on the new site.</p>
""",
        source_name="Novograd Business Daily",
        source_url="https://www.example.org/novograd-business/2024/second-industrial-site",
    ),
    DemoArticle(
        title="First Quality Day gathers quality directors of the cluster",
        category=EVENTS,
        when=(996, 10, 0),
        lead=(
            "The quality directors of 22 member companies agreed to share anonymised inspection findings "
            "and to set up a permanent quality working group."
        ),
        body="""
<p>The quality directors of 22 member companies met at the cluster’s first Quality Day. After a
morning of presentations on recent inspections, they agreed to pool anonymised findings in a shared
register and to set up a permanent quality working group meeting once a month.</p>
<p>The working group will also prepare joint comments on draft regulations, so that the cluster
speaks with one voice in public consultations.</p>
""",
        cover_label="Quality Day",
        cover_motif="hexagons",
    ),
    DemoArticle(
        title="Open day at the GMP Training Centre",
        category=EVENTS,
        when=(-10, 10, 0),
        lead=(
            "Students and job seekers are invited to tour the training centre, try on cleanroom garments "
            "and meet recruiters from member companies."
        ),
        body="""
<p>This Saturday, the cluster’s GMP Training Centre opens its doors to students, graduates and anyone considering a
career in the pharmaceutical industry. Visitors can tour the teaching laboratory and the cleanroom
simulator, try the gowning procedure for themselves and talk to recruiters from member companies.</p>
<p>Admission is free; registration is not required. Guided tours start every hour from 11:00 to
16:00.</p>
""",
        cover_label="Open day",
    ),
    DemoArticle(
        title="Events calendar for 2027",
        category=EVENTS,
        when=(0, 12, 0),
        lead="The cluster’s forums, seminars and training courses planned for next year, month by month.",
        body="""
<p><strong>Draft for the events committee; dates to be confirmed.</strong></p>
<ul>
<li>January: winter school for young quality specialists</li>
<li>March: data integrity seminar</li>
<li>June: Quality Day</li>
<li>October: Pharma Cluster Forum 2027</li>
</ul>
""",
        status=Status.DRAFT,
    ),
]
