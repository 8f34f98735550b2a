"""The demo's cooperation profiles and expressions of interest.

Twenty-eight EEN-style profiles (technology and business offers and requests, R&D partner
searches) written in French, English and Russian by demo organisations of the four seed
sectors: aerospace, photonics, biotech and health, ICT. Most are published, two wait for review
and two are drafts. Twenty-six expressions of interest between PACA and Russian organisations
follow, accepted, declined or still pending. Everything goes through the same services as on
the site (so profiles are screened, checked for dual-use and notified), then is dated along the
demo's story: the mission to Tomsk in October 2026, profiles from November, interests up to the
B2B day of 15 April 2027. The texts are fictional. Loading it twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from jumelage.accounts.models import User
from jumelage.compliance.services import Blocked
from jumelage.directory.models import Organisation, Sector
from jumelage.notifications.models import Notification
from jumelage.notifications.services import email_muted
from jumelage.opportunities import rules, services
from jumelage.opportunities.models import (
    VALIDITY,
    CooperationProfile,
    ExpressionOfInterest,
    ProfileType,
)

SOURCE = "demo"
# The demo accounts that act, in the order tried: the member writes for its own organisation,
# the ecosystem manager for SAFE Cluster's members, the programme team for the others.
ACTORS = ("member", "ecosystem", "programme")
PUBLISHED, SUBMITTED, DRAFT = "published", "submitted", "draft"


@dataclass(frozen=True)
class ProfileSpec:
    key: str
    owner: str  # the organisation's external id in the demo data
    type: str
    language: str
    title: str
    summary: str
    description: str
    partner_sought: str
    partnership_types: tuple[str, ...]
    sectors: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    partner_kinds: tuple[str, ...] = ()
    stage: str = ""
    ipr_status: str = ""
    status: str = PUBLISHED
    written: date = date(2026, 11, 2)
    review_days: int = 5


@dataclass(frozen=True)
class InterestSpec:
    profile: str  # a ProfileSpec key
    organisation: str  # the interested organisation's external id
    message: str
    sent: date
    answer: str = ExpressionOfInterest.Status.PENDING
    answered_after: int = 7


T = ProfileType

PROFILES: list[ProfileSpec] = [
    # Aerospace ------------------------------------------------------------------------------
    ProfileSpec(
        key="avionics-housings",
        owner="cordis:8a2012ec57652515f53ffab08ce9bd84",
        type=T.TECHNOLOGY_REQUEST,
        language="en",
        title="Lightweight thermoplastic composite housings for avionics units",
        summary=(
            "An avionics equipment maker in southern France seeks a partner able to design "
            "and produce thermoplastic composite housings that replace machined aluminium."
        ),
        description=(
            "Cabin and cockpit electronics units are housed in machined aluminium boxes. The "
            "company wants to cut their mass by 30 to 40 % with continuous-fibre thermoplastic "
            "composites (PEEK or PEKK with carbon fibre), keeping electromagnetic shielding, "
            "heat dissipation and fire, smoke and toxicity performance. Series of a few "
            "thousand parts a year are expected after qualification."
        ),
        partner_sought=(
            "A composite manufacturer or a research laboratory with thermoforming or "
            "over-moulding know-how and experience of aeronautical qualification."
        ),
        partnership_types=("technical", "manufacturing"),
        partner_kinds=("company", "research_lab"),
        sectors=("aerospace", "advanced_manufacturing"),
        keywords=("thermoplastic composites", "avionics", "lightweighting", "PEEK"),
        stage="development",
        written=date(2026, 11, 3),
    ),
    ProfileSpec(
        key="fibre-shm",
        owner="cordis:8864a8c187d5ab0b47becb238063f456",
        type=T.RD_PARTNER_SEARCH,
        language="fr",
        title="Surveillance de santé structurale des composites par capteurs à fibres optiques",
        summary=(
            "Un industriel aéronautique cherche des partenaires de recherche pour un projet "
            "collaboratif sur les réseaux de Bragg intégrés aux structures composites."
        ),
        description=(
            "Le projet vise à intégrer des capteurs à réseaux de Bragg sur fibre optique dans "
            "des panneaux composites de fuselage pour mesurer en continu déformations, "
            "température et impacts, et réduire les inspections au sol. Les travaux portent "
            "sur l'intégration des fibres pendant la fabrication, l'interrogation optique "
            "multiplexée et les algorithmes de diagnostic. Dépôt envisagé dans un appel "
            "Horizon Europe Cluster 5."
        ),
        partner_sought=(
            "Laboratoires spécialistes des fibres optiques spéciales et de l'interrogation "
            "optique ; PME capables de produire des interrogateurs compacts."
        ),
        partnership_types=("research", "technical"),
        partner_kinds=("research_lab", "university", "sme"),
        sectors=("aerospace", "photonics"),
        keywords=("réseaux de Bragg", "fibre optique", "composites", "contrôle santé"),
        stage="lab_tested",
        written=date(2026, 11, 9),
    ),
    ProfileSpec(
        key="safe-soft-landing",
        owner="curated:safe-cluster",
        type=T.BUSINESS_OFFER,
        language="fr",
        title="Implantation en Région Sud : accompagnement des PME aéronautiques et spatiales",
        summary=(
            "Un pôle de compétitivité aéronautique et spatial propose aux PME étrangères un "
            "accompagnement complet pour s'implanter en Provence-Alpes-Côte d'Azur."
        ),
        description=(
            "L'offre comprend la mise en relation avec les donneurs d'ordre de la région, "
            "l'hébergement temporaire dans un technopôle, l'aide aux démarches administratives "
            "et l'accès aux projets collaboratifs du pôle. Elle s'adresse aux entreprises de "
            "l'aéronautique civile, du spatial et des drones civils qui veulent tester le "
            "marché européen avant d'ouvrir une filiale."
        ),
        partner_sought=(
            "PME et start-up innovantes de l'aéronautique civile et du spatial, souhaitant un "
            "premier établissement en France."
        ),
        partnership_types=("commercial", "investment"),
        partner_kinds=("sme", "startup"),
        sectors=("aerospace",),
        keywords=("implantation", "soft landing", "aéronautique", "spatial"),
        written=date(2026, 11, 16),
    ),
    ProfileSpec(
        key="forest-satellite",
        owner="cordis:55a6a6fa0e2b0af98c5cfab1edad3dc6",
        type=T.RD_PARTNER_SEARCH,
        language="ru",
        title="Спутниковый мониторинг лесов: поиск партнёров для совместного проекта",
        summary=(
            "Университет аэрокосмического приборостроения ищет партнёров для совместных "
            "исследований по обработке спутниковых снимков для мониторинга лесов и "
            "водно-болотных угодий."
        ),
        description=(
            "Разработаны алгоритмы классификации мультиспектральных снимков Sentinel-2 и "
            "«Канопус-В» для оценки состояния лесов, вырубок и последствий пожаров. Мы хотим "
            "расширить их на водно-болотные угодья и прибрежные зоны Средиземноморья и "
            "сравнить с наземными наблюдениями. Предполагаются обмен исследователями, "
            "совместные публикации и заявка на двустороннее финансирование."
        ),
        partner_sought=(
            "Исследовательские центры и организации, ведущие наземный мониторинг экосистем, "
            "а также компании, обрабатывающие спутниковые данные."
        ),
        partnership_types=("research",),
        partner_kinds=("research_lab", "association", "company"),
        sectors=("aerospace", "ict", "environment"),
        keywords=("дистанционное зондирование", "спутниковые снимки", "леса"),
        stage="lab_tested",
        written=date(2026, 11, 20),
    ),
    ProfileSpec(
        key="space-debris",
        owner="cordis:996649005",
        type=T.TECHNOLOGY_OFFER,
        language="ru",
        title="Программное обеспечение для каталогизации космического мусора",
        summary=(
            "Академический институт предлагает лицензию на программный комплекс определения "
            "орбит и каталогизации фрагментов космического мусора по оптическим наблюдениям."
        ),
        description=(
            "Комплекс обрабатывает наблюдения сети небольших оптических телескопов, "
            "отождествляет объекты с каталогом и уточняет их орбиты для прогноза сближений с "
            "действующими спутниками. Он работает в режиме реального времени и используется "
            "в научной сети наблюдений с 2019 года. Возможна адаптация под обсерватории "
            "партнёра."
        ),
        partner_sought=(
            "Операторы спутников, обсерватории и компании, предоставляющие услуги "
            "ситуационной осведомлённости в космосе для гражданских применений."
        ),
        partnership_types=("licence", "technical"),
        partner_kinds=("company", "research_lab"),
        sectors=("aerospace", "ict"),
        keywords=("космический мусор", "орбиты", "телескопы"),
        stage="market",
        ipr_status="secret",
        written=date(2026, 12, 1),
    ),
    ProfileSpec(
        key="laser-cladding",
        owner="cordis:f6247206ea658dcb453b4738f7686ac0",
        type=T.TECHNOLOGY_OFFER,
        language="en",
        title="Laser cladding repair of turbine blades and compressor parts",
        summary=(
            "A research institute of aviation technology offers a laser cladding process "
            "that restores worn blade tips and seal surfaces of gas turbine parts."
        ),
        description=(
            "The process deposits nickel and cobalt alloy powders with a fibre laser and "
            "closed-loop control of the melt pool, giving a dense deposit with a small heat "
            "affected zone. It has been validated on compressor blades of civil engines and "
            "on industrial gas turbines. The institute offers technology transfer and joint "
            "qualification with maintenance companies."
        ),
        partner_sought=(
            "Maintenance, repair and overhaul companies and makers of industrial turbines "
            "interested in a licence or a joint qualification programme."
        ),
        partnership_types=("licence", "technical"),
        partner_kinds=("company", "large_company"),
        sectors=("aerospace", "photonics", "advanced_manufacturing"),
        keywords=("laser cladding", "repair", "turbine blades", "additive manufacturing"),
        stage="demonstration",
        ipr_status="granted",
        written=date(2026, 12, 8),
    ),
    ProfileSpec(
        key="coastal-water-quality",
        owner="cordis:999641940",
        type=T.TECHNOLOGY_OFFER,
        language="fr",
        title="Chaîne de traitement d'images satellitaires pour la qualité des eaux côtières",
        summary=(
            "Une PME de Sophia Antipolis propose sa chaîne de traitement d'images satellitaires "
            "qui estime turbidité et chlorophylle des eaux côtières."
        ),
        description=(
            "La chaîne corrige l'atmosphère au-dessus des eaux troubles et produit chaque jour "
            "des cartes de turbidité, de matières en suspension et de chlorophylle à 10 m de "
            "résolution. Elle sert déjà à des gestionnaires de ports et de lagunes."
        ),
        partner_sought="Gestionnaires d'eaux côtières et intégrateurs de services.",
        partnership_types=("commercial", "licence"),
        partner_kinds=("public_agency", "company"),
        sectors=("aerospace", "maritime", "environment"),
        keywords=("observation de la Terre", "qualité de l'eau", "littoral"),
        stage="market",
        status=DRAFT,
        written=date(2027, 2, 22),
    ),
    # Photonics ------------------------------------------------------------------------------
    ProfileSpec(
        key="large-optics",
        owner="cordis:387dcea3064fd513d9940a62c39458aa",
        type=T.TECHNOLOGY_OFFER,
        language="en",
        title="Large high-precision mirrors and freeform optics for astronomy and lasers",
        summary=(
            "An optics company in the Alpes-Maritimes designs, polishes and tests large "
            "mirrors and freeform optical surfaces to nanometre accuracy."
        ),
        description=(
            "The company makes mirrors up to 1.5 m, aspheric and freeform lenses and complete "
            "opto-mechanical assemblies, with interferometric testing in a clean room. It "
            "works for ground-based telescopes, spectrographs and high-power laser "
            "facilities. It offers co-design and manufacturing for research instruments."
        ),
        partner_sought=(
            "Observatories, laser research centres and instrument builders looking for a "
            "manufacturing partner."
        ),
        partnership_types=("manufacturing", "technical", "supplier"),
        partner_kinds=("research_lab", "university", "company"),
        sectors=("photonics",),
        keywords=("mirrors", "freeform optics", "telescopes", "interferometry"),
        stage="market",
        written=date(2026, 11, 5),
    ),
    ProfileSpec(
        key="hyperspectral-consortium",
        owner="curated:optitec",
        type=T.RD_PARTNER_SEARCH,
        language="fr",
        title="Consortium de recherche : imagerie hyperspectrale pour l'agriculture de précision",
        summary=(
            "Un pôle photonique monte un consortium pour développer des caméras "
            "hyperspectrales compactes et leurs traitements pour suivre l'état des cultures."
        ),
        description=(
            "Le projet associe des PME photoniques de la région, un institut agronomique et des "
            "coopératives. Il porte sur des capteurs hyperspectraux légers embarqués sur "
            "tracteurs et sur mâts, l'étalonnage radiométrique et la détection précoce du "
            "stress hydrique et des maladies de la vigne et des vergers."
        ),
        partner_sought=(
            "Laboratoires d'optique et de traitement d'images, fabricants de détecteurs, "
            "technoparcs capables de réunir des utilisateurs agricoles."
        ),
        partnership_types=("research",),
        partner_kinds=("research_lab", "university", "technopark", "sme"),
        sectors=("photonics", "agrifood"),
        keywords=("imagerie hyperspectrale", "agriculture de précision", "capteurs"),
        stage="concept",
        written=date(2026, 11, 12),
    ),
    ProfileSpec(
        key="optics-test-platform",
        owner="curated:technopole-chateau-gombert",
        type=T.BUSINESS_OFFER,
        language="fr",
        title="Plateforme d'essais optiques et hébergement de start-up photoniques à Marseille",
        summary=(
            "Un technopôle marseillais offre l'accès à des bancs d'essais optiques et des "
            "locaux pour start-up photoniques étrangères."
        ),
        description=(
            "Les entreprises hébergées disposent de salles blanches, de bancs de "
            "caractérisation laser et de métrologie optique partagés, et de l'appui des "
            "écoles d'ingénieurs voisines pour le recrutement de stagiaires. Un programme "
            "d'accueil de six mois facilite l'entrée sur le marché européen."
        ),
        partner_sought="Start-up et PME photoniques souhaitant s'installer en Europe.",
        partnership_types=("commercial",),
        partner_kinds=("startup", "sme", "technopark"),
        sectors=("photonics",),
        keywords=("plateforme technologique", "hébergement", "photonique"),
        written=date(2026, 11, 23),
    ),
    ProfileSpec(
        key="ultrafast-fibre-lasers",
        owner="curated:akadempark",
        type=T.TECHNOLOGY_OFFER,
        language="ru",
        title="Волоконные лазеры ультракоротких импульсов для микрообработки материалов",
        summary=(
            "Резидент технопарка Академгородка предлагает волоконные лазеры "
            "фемтосекундного диапазона для прецизионной микрообработки."
        ),
        description=(
            "Лазеры с длительностью импульса от 300 фс и средней мощностью до 20 Вт "
            "используются для резки стекла и сапфира, маркировки медицинских изделий и "
            "структурирования поверхностей. Компания ищет дистрибьюторов и партнёров для "
            "совместной разработки специализированных установок."
        ),
        partner_sought=(
            "Производители оборудования для микрообработки, дистрибьюторы лазерной техники, "
            "исследовательские лаборатории."
        ),
        partnership_types=("distribution", "technical"),
        partner_kinds=("company", "research_lab"),
        sectors=("photonics", "advanced_manufacturing"),
        keywords=("фемтосекундный лазер", "микрообработка", "волоконный лазер"),
        stage="market",
        ipr_status="granted",
        written=date(2026, 11, 10),
    ),
    ProfileSpec(
        key="led-optics-suppliers",
        owner="curated:technopark-mordovia",
        type=T.BUSINESS_REQUEST,
        language="ru",
        title="Поиск поставщиков оптических компонентов для светодиодных модулей",
        summary=(
            "Технопарк в Мордовии ищет поставщиков вторичной оптики и рассеивателей для "
            "производителей светодиодных светильников — его резидентов."
        ),
        description=(
            "Резиденты технопарка выпускают уличные и промышленные светодиодные светильники. "
            "Им нужны линзы и рассеиватели из ПММА и поликарбоната с заданным "
            "светораспределением, партиями от 50 000 штук в год, а также помощь в "
            "оптическом проектировании новых модулей."
        ),
        partner_sought="Производители оптических компонентов и конструкторские бюро по оптике.",
        partnership_types=("supplier", "commercial"),
        partner_kinds=("company", "sme"),
        sectors=("photonics",),
        keywords=("светодиоды", "оптические компоненты", "линзы"),
        written=date(2026, 12, 2),
    ),
    ProfileSpec(
        key="aerosol-lidar",
        owner="cordis:996674904",
        type=T.RD_PARTNER_SEARCH,
        language="en",
        title="Lidar for atmospheric aerosol monitoring: partners for a joint project",
        summary=(
            "A Tomsk institute of atmospheric optics seeks partners to compare multi-"
            "wavelength lidar aerosol profiles between Siberia and the Mediterranean."
        ),
        description=(
            "The institute runs a multi-wavelength Raman lidar station and retrieves aerosol "
            "size distributions and types. It proposes a joint campaign with a Mediterranean "
            "station on Saharan dust and wildfire smoke, shared retrieval software and "
            "exchange of young researchers."
        ),
        partner_sought=(
            "Atmospheric research laboratories with lidar or photometer stations, and "
            "optics companies interested in compact lidar designs."
        ),
        partnership_types=("research",),
        partner_kinds=("research_lab", "university"),
        sectors=("photonics", "environment"),
        keywords=("lidar", "aerosols", "atmospheric optics"),
        stage="lab_tested",
        written=date(2026, 12, 14),
    ),
    ProfileSpec(
        key="special-fibres",
        owner="cordis:986190368",
        type=T.TECHNOLOGY_OFFER,
        language="ru",
        title="Специальные оптические волокна для волоконно-оптических датчиков",
        summary=(
            "Научный центр волоконной оптики предлагает специальные волокна с "
            "записанными брэгговскими решётками для датчиков деформации и температуры."
        ),
        description=(
            "Волокна с высокой радиационной и температурной стойкостью (до 800 °C) и "
            "решётки, записанные фемтосекундным лазером, применимы в энергетике, "
            "транспорте и строительстве. Возможны совместная разработка и поставки."
        ),
        partner_sought="Производители датчиков и системные интеграторы.",
        partnership_types=("supplier", "technical"),
        partner_kinds=("company",),
        sectors=("photonics",),
        keywords=("брэгговские решётки", "оптическое волокно", "датчики"),
        stage="market",
        status=SUBMITTED,
        written=date(2027, 3, 1),
    ),
    # Biotech and health ---------------------------------------------------------------------
    ProfileSpec(
        key="nk-immunotherapy",
        owner="cordis:245492a176ff6343c72025a165918331",
        type=T.RD_PARTNER_SEARCH,
        language="en",
        title="Partners for translational research on NK-cell immunotherapies",
        summary=(
            "A Marseille biotech company seeks clinical and academic partners for "
            "translational studies of NK-cell engaging antibodies in solid tumours."
        ),
        description=(
            "The company develops antibodies that engage natural killer cells against "
            "tumours. It wants to study biomarkers of response on patient samples from "
            "diverse populations and to test combinations with standard therapies in "
            "preclinical models. Joint grant applications are foreseen."
        ),
        partner_sought=(
            "Oncology hospitals with biobanks, immunology laboratories with tumour models."
        ),
        partnership_types=("research",),
        partner_kinds=("research_lab", "university", "public_agency"),
        sectors=("biotech_health",),
        keywords=("immuno-oncology", "NK cells", "biomarkers", "antibodies"),
        stage="development",
        ipr_status="granted",
        written=date(2026, 11, 4),
    ),
    ProfileSpec(
        key="remote-monitoring",
        owner="cordis:2978171773b33dd498ba2468dcda9277",
        type=T.BUSINESS_REQUEST,
        language="fr",
        title="Recherche de solutions de télésurveillance des patients atteints de maladies "
        "chroniques",
        summary=(
            "Un centre hospitalier universitaire cherche des dispositifs connectés et des "
            "logiciels pour suivre à domicile des patients insuffisants cardiaques."
        ),
        description=(
            "Le service de cardiologie prévoit une expérimentation sur 300 patients : mesure "
            "quotidienne du poids, de la tension et de la saturation, transmission sécurisée "
            "et alertes aux infirmiers. Les solutions doivent être marquées CE et héberger "
            "les données de santé conformément au RGPD."
        ),
        partner_sought=(
            "Fabricants de dispositifs médicaux connectés et éditeurs de plateformes de "
            "télésurveillance."
        ),
        partnership_types=("commercial", "technical"),
        partner_kinds=("company", "sme", "startup"),
        sectors=("biotech_health", "ict"),
        keywords=("télésurveillance", "insuffisance cardiaque", "dispositifs connectés"),
        written=date(2026, 11, 18),
    ),
    ProfileSpec(
        key="neuro-screening",
        owner="cordis:765d64c8d770cfdb0a6638095e8f1ff1",
        type=T.TECHNOLOGY_OFFER,
        language="fr",
        title="Criblage de molécules neuroprotectrices sur neurones primaires",
        summary=(
            "Une PME de biotechnologie propose ses services de criblage de composés sur "
            "cultures de neurones primaires, pour les maladies neurodégénératives."
        ),
        description=(
            "La plateforme évalue la survie neuronale, la croissance des neurites et la "
            "formation des synapses par imagerie automatisée, sur des modèles de maladies "
            "d'Alzheimer et de Parkinson et de neuropathies. Elle convient aux entreprises "
            "pharmaceutiques et aux laboratoires qui valident des candidats."
        ),
        partner_sought="Entreprises pharmaceutiques, start-up et laboratoires académiques.",
        partnership_types=("commercial", "research"),
        partner_kinds=("company", "research_lab"),
        sectors=("biotech_health",),
        keywords=("neuroprotection", "criblage", "neurones"),
        stage="market",
        written=date(2026, 12, 3),
    ),
    ProfileSpec(
        key="gmp-contract-manufacturing",
        owner="curated:kaluga-pharma-cluster",
        type=T.BUSINESS_OFFER,
        language="ru",
        title="Контрактное производство лекарственных средств по стандартам GMP",
        summary=(
            "Фармацевтический кластер Калужской области предлагает мощности контрактного "
            "производства твёрдых и инъекционных лекарственных форм."
        ),
        description=(
            "Предприятия кластера сертифицированы по GMP и выпускают таблетки, капсулы и "
            "стерильные растворы. Кластер помогает иностранным компаниям с регистрацией "
            "препаратов, трансфером технологий и локализацией производства."
        ),
        partner_sought="Фармацевтические компании, ищущие производственного партнёра.",
        partnership_types=("manufacturing", "subcontracting"),
        partner_kinds=("company", "large_company"),
        sectors=("biotech_health",),
        keywords=("GMP", "контрактное производство", "фармацевтика"),
        written=date(2026, 11, 26),
    ),
    ProfileSpec(
        key="cardio-biomarkers",
        owner="cordis:04cc9b7535c122f1833641147d339cd7",
        type=T.RD_PARTNER_SEARCH,
        language="ru",
        title="Совместные клинические исследования в кардиологии: цифровые биомаркеры",
        summary=(
            "Федеральный медицинский исследовательский центр ищет партнёров для "
            "исследований цифровых биомаркеров сердечной недостаточности."
        ),
        description=(
            "Центр располагает регистром пациентов с сердечной недостаточностью и опытом "
            "носимых устройств мониторинга. Предлагается совместное исследование алгоритмов "
            "раннего выявления декомпенсации по данным носимых датчиков и обмен "
            "специалистами."
        ),
        partner_sought="Университетские клиники и разработчики носимых медицинских устройств.",
        partnership_types=("research",),
        partner_kinds=("research_lab", "public_agency", "company"),
        sectors=("biotech_health", "ict"),
        keywords=("сердечная недостаточность", "биомаркеры", "носимые устройства"),
        stage="development",
        written=date(2026, 12, 10),
    ),
    ProfileSpec(
        key="tomsk-medtech-landing",
        owner="curated:sez-tomsk",
        type=T.BUSINESS_OFFER,
        language="en",
        title="Soft landing in the Tomsk special economic zone for medical device makers",
        summary=(
            "A special economic zone in Siberia offers foreign medical device makers "
            "premises, tax incentives and access to university laboratories."
        ),
        description=(
            "Residents of the zone rent ready laboratories and clean production areas, enjoy "
            "reduced taxes and customs duties and work beside Tomsk's universities and "
            "medical research institutes. The zone helps with certification of medical "
            "devices and finds local partners for assembly and clinical evaluation."
        ),
        partner_sought=(
            "Medical device companies and biotech start-ups looking for a production or R&D "
            "base in Russia."
        ),
        partnership_types=("investment", "joint_venture", "commercial"),
        partner_kinds=("company", "sme", "startup"),
        sectors=("biotech_health", "advanced_manufacturing"),
        keywords=("special economic zone", "medical devices", "soft landing"),
        written=date(2026, 11, 6),
    ),
    ProfileSpec(
        key="systems-pharmacology",
        owner="cordis:4832e123ae46a448e8a0daab352f5f24",
        type=T.TECHNOLOGY_OFFER,
        language="en",
        title="Systems pharmacology modelling of drug candidates",
        summary=(
            "A St Petersburg company offers quantitative systems pharmacology models to "
            "predict efficacy and dosing of drug candidates."
        ),
        description=(
            "Mechanistic models of disease and drug action, calibrated on clinical data, "
            "support dose selection and trial design."
        ),
        partner_sought="Pharmaceutical and biotech companies in clinical development.",
        partnership_types=("commercial",),
        partner_kinds=("company",),
        sectors=("biotech_health", "ict"),
        keywords=("systems pharmacology", "modelling"),
        stage="market",
        status=DRAFT,
        written=date(2027, 3, 8),
    ),
    # ICT ------------------------------------------------------------------------------------
    ProfileSpec(
        key="iiot-cybersecurity",
        owner="curated:pole-scs",
        type=T.RD_PARTNER_SEARCH,
        language="fr",
        title="Projet collaboratif : cybersécurité des objets connectés industriels",
        summary=(
            "Un pôle de compétitivité numérique réunit des partenaires pour un projet sur la "
            "sécurité des capteurs et passerelles de l'industrie connectée."
        ),
        description=(
            "Le projet étudiera l'authentification légère des capteurs, la mise à jour "
            "sécurisée des micrologiciels et la détection d'anomalies sur les réseaux "
            "industriels. Il réunira fabricants de composants, éditeurs et sites pilotes "
            "industriels de la région."
        ),
        partner_sought=(
            "Laboratoires de cryptographie embarquée, éditeurs de solutions de détection, "
            "industriels prêts à accueillir un pilote."
        ),
        partnership_types=("research", "technical"),
        partner_kinds=("research_lab", "company", "technopark"),
        sectors=("ict",),
        keywords=("cybersécurité", "internet des objets", "industrie 4.0"),
        stage="concept",
        written=date(2026, 11, 13),
    ),
    ProfileSpec(
        key="underwater-acoustics-ml",
        owner="cordis:948765925",
        type=T.TECHNOLOGY_OFFER,
        language="fr",
        title="Classification embarquée de signaux acoustiques sous-marins par apprentissage "
        "automatique",
        summary=(
            "Une école d'ingénieurs de Toulon propose des algorithmes embarqués qui "
            "reconnaissent les cétacés et le bruit des navires dans les enregistrements "
            "d'hydrophones."
        ),
        description=(
            "Les réseaux de neurones, optimisés pour des cartes basse consommation, tournent "
            "sur des bouées autonomes pendant plusieurs mois. Ils servent au suivi de la "
            "biodiversité marine et à la mesure du bruit dans les aires protégées."
        ),
        partner_sought=(
            "Instituts océanographiques, fabricants de bouées et gestionnaires d'aires "
            "marines protégées."
        ),
        partnership_types=("licence", "research"),
        partner_kinds=("research_lab", "company", "public_agency"),
        sectors=("ict", "maritime"),
        keywords=("acoustique sous-marine", "apprentissage automatique", "biodiversité"),
        stage="lab_tested",
        ipr_status="applied",
        written=date(2026, 11, 25),
    ),
    ProfileSpec(
        key="5g-test-lab",
        owner="cordis:949775016",
        type=T.BUSINESS_OFFER,
        language="en",
        title="Test and certification laboratory for 5G and IoT devices",
        summary=(
            "A telecom test platform in Sophia Antipolis offers interoperability testing and "
            "pre-certification of 5G and IoT devices."
        ),
        description=(
            "The platform has shielded rooms, network emulators and a private 5G network. It "
            "runs conformance and interoperability campaigns and prepares devices for "
            "European certification, in English or French."
        ),
        partner_sought="Device makers and software companies entering the European market.",
        partnership_types=("commercial", "technical"),
        partner_kinds=("company", "sme", "startup"),
        sectors=("ict",),
        keywords=("5G", "IoT", "certification", "interoperability"),
        written=date(2026, 12, 4),
    ),
    ProfileSpec(
        key="innopolis-residency",
        owner="curated:innopolis",
        type=T.BUSINESS_OFFER,
        language="ru",
        title="Резидентство в ОЭЗ «Иннополис» для французских ИТ-компаний",
        summary=(
            "Особая экономическая зона в Татарстане приглашает ИТ-компании открыть центр "
            "разработки с налоговыми льготами и готовыми офисами."
        ),
        description=(
            "Резиденты получают льготы по налогу на прибыль и страховым взносам, офисы и "
            "жильё для сотрудников, доступ к выпускникам университета Иннополис. Зона "
            "помогает с визами и поиском заказчиков среди промышленных компаний региона."
        ),
        partner_sought="ИТ-компании и стартапы, планирующие центр разработки в России.",
        partnership_types=("investment", "commercial"),
        partner_kinds=("company", "startup", "cluster"),
        sectors=("ict",),
        keywords=("особая экономическая зона", "ИТ", "резидентство"),
        written=date(2026, 11, 17),
    ),
    ProfileSpec(
        key="speech-translation",
        owner="cordis:28b403d4db86b960691af9e15faa78bb",
        type=T.TECHNOLOGY_OFFER,
        language="en",
        title="Speech recognition and machine translation between Russian and French",
        summary=(
            "An academy institute offers speech recognition and neural machine translation "
            "models for Russian, French and English, trainable on domain vocabularies."
        ),
        description=(
            "The models run on premises, recognise speech in noisy settings and translate "
            "technical documents. They are offered for licence or joint adaptation to new "
            "domains such as medicine or industry."
        ),
        partner_sought="Software companies, research laboratories and translation services.",
        partnership_types=("licence", "research"),
        partner_kinds=("company", "research_lab", "university"),
        sectors=("ict",),
        keywords=("speech recognition", "machine translation", "neural networks"),
        stage="demonstration",
        written=date(2026, 12, 11),
    ),
    ProfileSpec(
        key="tomsk-iiot",
        owner="curated:sez-tomsk",
        type=T.TECHNOLOGY_REQUEST,
        language="ru",
        title="Ищем технологии промышленного интернета вещей для резидентов ОЭЗ «Томск»",
        summary=(
            "Особая экономическая зона «Томск» ищет решения промышленного интернета вещей "
            "для мониторинга оборудования на предприятиях-резидентах."
        ),
        description=(
            "Резидентам нужны беспроводные датчики вибрации и температуры, шлюзы и "
            "аналитика для предиктивного обслуживания станков. Рассматриваются пилотные "
            "внедрения, совместная локализация и лицензирование."
        ),
        partner_sought="Разработчики решений промышленного интернета вещей и интеграторы.",
        partnership_types=("technical", "licence"),
        partner_kinds=("company", "sme"),
        sectors=("ict", "advanced_manufacturing"),
        keywords=("промышленный интернет вещей", "предиктивное обслуживание", "датчики"),
        written=date(2026, 12, 15),
    ),
    ProfileSpec(
        key="railway-formal-methods",
        owner="cordis:999916062",
        type=T.TECHNOLOGY_OFFER,
        language="fr",
        title="Méthodes formelles pour les logiciels critiques ferroviaires",
        summary=(
            "Une PME d'Aix-en-Provence propose ses outils et son savoir-faire en méthode B "
            "pour développer et prouver les logiciels de signalisation."
        ),
        description=(
            "La méthode B garantit par la preuve l'absence d'erreurs dans les logiciels "
            "critiques. La société fournit outils, formation et développement pour les "
            "automatismes de métro et de signalisation ferroviaire."
        ),
        partner_sought="Exploitants et industriels ferroviaires, universités.",
        partnership_types=("licence", "technical"),
        partner_kinds=("company", "university"),
        sectors=("ict",),
        keywords=("méthodes formelles", "méthode B", "ferroviaire"),
        stage="market",
        status=SUBMITTED,
        written=date(2027, 3, 3),
    ),
]

A, D, P = (
    ExpressionOfInterest.Status.ACCEPTED,
    ExpressionOfInterest.Status.DECLINED,
    ExpressionOfInterest.Status.PENDING,
)

INTERESTS: list[InterestSpec] = [
    InterestSpec(
        "avionics-housings",
        "cordis:f6247206ea658dcb453b4738f7686ac0",
        "Our institute develops thermoplastic composite parts for civil aircraft interiors "
        "and could prototype your housings.",
        date(2026, 12, 1),
        A,
        9,
    ),
    InterestSpec(
        "fibre-shm",
        "cordis:986190368",
        "Мы производим волокна с брэгговскими решётками, устойчивые к высоким температурам, "
        "и готовы участвовать в проекте.",
        date(2026, 12, 7),
        A,
        12,
    ),
    InterestSpec(
        "safe-soft-landing",
        "cordis:55a6a6fa0e2b0af98c5cfab1edad3dc6",
        "Наши выпускники создают стартапы в области спутниковой навигации; хотели бы "
        "узнать условия размещения.",
        date(2027, 4, 2),
    ),
    InterestSpec(
        "forest-satellite",
        "cordis:4976279329cd86920b6c886e5de2fd55",
        "Nous suivons les zones humides de Camargue depuis des décennies et aimerions "
        "comparer vos classifications à nos relevés de terrain.",
        date(2027, 1, 12),
        A,
        6,
    ),
    InterestSpec(
        "space-debris",
        "cordis:8864a8c187d5ab0b47becb238063f456",
        "We would like to evaluate your software for conjunction assessment of our satellites.",
        date(2027, 1, 19),
        D,
        10,
    ),
    InterestSpec(
        "laser-cladding",
        "cordis:8a2012ec57652515f53ffab08ce9bd84",
        "Our repair network is looking at laser cladding for compressor parts; could we "
        "discuss a qualification trial?",
        date(2027, 3, 29),
    ),
    InterestSpec(
        "large-optics",
        "cordis:996674904",
        "We are designing a new lidar receiver telescope and need a 600 mm primary mirror.",
        date(2026, 12, 9),
        A,
        8,
    ),
    InterestSpec(
        "hyperspectral-consortium",
        "curated:akadempark",
        "Резиденты Академпарка разрабатывают гиперспектральные камеры и готовы войти в консорциум.",
        date(2026, 12, 16),
        A,
        5,
    ),
    InterestSpec(
        "optics-test-platform",
        "curated:technopark-mordovia",
        "Два наших резидента-стартапа хотели бы протестировать свои модули на вашей платформе.",
        date(2027, 4, 6),
    ),
    InterestSpec(
        "ultrafast-fibre-lasers",
        "cordis:387dcea3064fd513d9940a62c39458aa",
        "We cut and mark optical glass and would like to test your femtosecond sources.",
        date(2026, 12, 2),
        A,
        7,
    ),
    InterestSpec(
        "led-optics-suppliers",
        "cordis:387dcea3064fd513d9940a62c39458aa",
        "We make precision optics in small series and could design the lenses.",
        date(2027, 1, 5),
        D,
        4,
    ),
    InterestSpec(
        "aerosol-lidar",
        "curated:optitec",
        "Plusieurs membres du pôle conçoivent des lidars compacts et seraient intéressés par "
        "une campagne commune.",
        date(2027, 4, 8),
    ),
    InterestSpec(
        "nk-immunotherapy",
        "cordis:10571395f897c7f3a0db409d121e1bf3",
        "Наш институт ведёт биобанк опухолевых образцов и может участвовать в "
        "трансляционных исследованиях.",
        date(2026, 12, 14),
        D,
        15,
    ),
    InterestSpec(
        "remote-monitoring",
        "curated:sez-tomsk",
        "Two residents of our zone make certified connected blood pressure monitors and a "
        "remote monitoring platform.",
        date(2026, 12, 21),
        A,
        11,
    ),
    InterestSpec(
        "neuro-screening",
        "curated:kaluga-pharma-cluster",
        "Компании нашего кластера ищут доклинические услуги для новых кандидатов.",
        date(2027, 4, 1),
    ),
    InterestSpec(
        "gmp-contract-manufacturing",
        "cordis:478ac90ab0046a97f19ac852e213efaf",
        "Nous cherchons un façonnier pour des formes sèches destinées au marché russe.",
        date(2027, 1, 8),
        A,
        13,
    ),
    InterestSpec(
        "cardio-biomarkers",
        "cordis:2978171773b33dd498ba2468dcda9277",
        "Notre service de cardiologie prépare une étude de télésurveillance et serait "
        "heureux de comparer les algorithmes.",
        date(2027, 1, 15),
        A,
        8,
    ),
    InterestSpec(
        "tomsk-medtech-landing",
        "curated:eurobiomed",
        "Plusieurs PME de dispositifs médicaux de notre pôle étudient le marché russe.",
        date(2026, 11, 30),
        A,
        6,
    ),
    InterestSpec(
        "tomsk-medtech-landing",
        "cordis:765d64c8d770cfdb0a6638095e8f1ff1",
        "We are considering a small laboratory near Tomsk's universities.",
        date(2027, 4, 9),
    ),
    InterestSpec(
        "iiot-cybersecurity",
        "curated:innopolis",
        "Резиденты Иннополиса разрабатывают системы обнаружения атак для промышленных сетей.",
        date(2026, 12, 5),
        D,
        9,
    ),
    InterestSpec(
        "underwater-acoustics-ml",
        "cordis:28b403d4db86b960691af9e15faa78bb",
        "Our signal processing group would like to compare its acoustic classifiers with yours.",
        date(2027, 4, 5),
    ),
    InterestSpec(
        "5g-test-lab",
        "curated:innopolis",
        "Компании-резиденты хотели бы пройти предварительную сертификацию IoT-устройств.",
        date(2027, 4, 12),
    ),
    InterestSpec(
        "innopolis-residency",
        "curated:pole-scs",
        "Des adhérents du pôle envisagent un centre de développement en Russie et "
        "souhaitent connaître les conditions.",
        date(2026, 12, 8),
        A,
        7,
    ),
    InterestSpec(
        "speech-translation",
        "cordis:948765925",
        "Nos étudiants travaillent sur la traduction automatique franco-russe ; une "
        "collaboration de recherche nous intéresse.",
        date(2027, 1, 20),
        A,
        10,
    ),
    InterestSpec(
        "tomsk-iiot",
        "cordis:949775016",
        "Our platform tests industrial IoT gateways and can help your residents choose and "
        "validate them.",
        date(2027, 1, 4),
        A,
        9,
    ),
    InterestSpec(
        "tomsk-iiot",
        "curated:sophia-antipolis",
        "Des start-up de Sophia Antipolis proposent des capteurs de vibration sans fil.",
        date(2027, 1, 11),
        D,
        12,
    ),
]


@dataclass
class CooperationResult:
    profiles_created: int = 0
    interests_created: int = 0


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


class _Story:
    """Dates what the services record 'now' to the demo story's day, notifications too."""

    def __init__(self) -> None:
        self.last_notification = (
            Notification.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        )

    def date_notifications(self, moment: datetime) -> None:
        Notification.objects.filter(pk__gt=self.last_notification).update(created_at=moment)
        self.last_notification = (
            Notification.objects.order_by("-pk").values_list("pk", flat=True).first()
            or self.last_notification
        )


def _accounts() -> list[User]:
    found = {u.username: u for u in User.objects.filter(username__in=ACTORS, is_active=True)}
    return [found[name] for name in ACTORS if name in found]


def _first(accounts: list[User], may) -> User | None:
    return next((account for account in accounts if may(account)), None)


def _create_profile(
    spec: ProfileSpec, organisation: Organisation, accounts: list[User], story: _Story
) -> CooperationProfile | None:
    owner = _first(
        accounts, lambda a: rules.owned_organisations(a).filter(pk=organisation.pk).exists()
    )
    if owner is None:
        return None
    profile = services.save_profile(
        actor=owner,
        profile=CooperationProfile(
            organisation=organisation,
            type=spec.type,
            title=spec.title,
            summary=spec.summary,
            description=spec.description,
            partner_sought=spec.partner_sought,
            partnership_types=list(spec.partnership_types),
            partner_kinds=list(spec.partner_kinds),
            stage=spec.stage,
            ipr_status=spec.ipr_status,
            keywords=list(spec.keywords),
            language=spec.language,
        ),
        sectors=Sector.objects.filter(code__in=spec.sectors),
    )
    written = _moment(spec.written, 9)
    dates: dict[str, Any] = {"created_at": written}
    if spec.status in (SUBMITTED, PUBLISHED):
        profile = services.transition_profile(actor=owner, profile=profile, action="submit")
        dates["submitted_at"] = _moment(spec.written, 11)
        story.date_notifications(dates["submitted_at"])
    if spec.status == PUBLISHED:
        reviewer = _first(accounts, lambda a: rules.is_reviewer(a, profile))
        if reviewer is None:
            return profile
        profile = services.transition_profile(actor=reviewer, profile=profile, action="publish")
        published = _moment(spec.written + timedelta(days=spec.review_days), 15)
        # Valid for a year from publication, and at least a year from loading, so that the
        # demo's profiles are live whenever the demo is loaded.
        dates |= {
            "published_at": published,
            "expires_at": max(published, timezone.now()) + VALIDITY,
        }
        story.date_notifications(published)
    CooperationProfile.objects.filter(pk=profile.pk).update(**dates)
    profile.refresh_from_db()
    return profile


def _create_interest(
    spec: InterestSpec,
    profile: CooperationProfile,
    organisation: Organisation,
    accounts: list[User],
    story: _Story,
) -> ExpressionOfInterest | None:
    sender = _first(
        accounts,
        lambda a: rules.interest_organisations(a, profile).filter(pk=organisation.pk).exists(),
    )
    if sender is None:
        return None
    interest = services.express_interest(
        actor=sender, profile=profile, organisation=organisation, message=spec.message
    )
    sent = _moment(spec.sent, 10)
    story.date_notifications(sent)
    dates: dict[str, Any] = {"created_at": sent}
    if spec.answer != ExpressionOfInterest.Status.PENDING:
        answerer = _first(accounts, lambda a: rules.is_owner(a, profile))
        if answerer is not None:
            services.decide_interest(actor=answerer, interest=interest, accept=spec.answer == A)
            dates["decided_at"] = _moment(spec.sent + timedelta(days=spec.answered_after), 16)
            story.date_notifications(dates["decided_at"])
    ExpressionOfInterest.objects.filter(pk=interest.pk).update(**dates)
    return interest


@transaction.atomic
def load_demo_cooperation() -> CooperationResult:
    """Create the demo's profiles and expressions of interest that are not there yet.

    A profile is known by its organisation and title, an interest by its profile and
    organisation; organisations missing from the directory, or refused by screening, are
    passed over. E-mails are not sent (the demo's addresses are fictional); the in-app
    notifications are kept, dated like the actions they tell of.
    """
    result = CooperationResult()
    accounts = _accounts()
    refs = {spec.owner for spec in PROFILES} | {spec.organisation for spec in INTERESTS}
    organisations = {
        o.external_id: o for o in Organisation.objects.filter(source=SOURCE, external_id__in=refs)
    }
    existing = {
        (profile.organisation_id, profile.title): profile
        for profile in CooperationProfile.objects.filter(
            organisation__in=organisations.values(), title__in=[s.title for s in PROFILES]
        )
    }
    story = _Story()
    profiles: dict[str, CooperationProfile] = {}
    with email_muted():
        for spec in PROFILES:
            organisation = organisations.get(spec.owner)
            if organisation is None:
                continue
            profile = existing.get((organisation.pk, spec.title))
            if profile is None:
                try:
                    profile = _create_profile(spec, organisation, accounts, story)
                except Blocked:
                    continue
                result.profiles_created += profile is not None
            if profile is not None:
                profiles[spec.key] = profile
        known = set(
            ExpressionOfInterest.objects.filter(profile__in=profiles.values()).values_list(
                "profile_id", "organisation_id"
            )
        )
        for spec in INTERESTS:
            profile = profiles.get(spec.profile)
            organisation = organisations.get(spec.organisation)
            if profile is None or organisation is None:
                continue
            if (profile.pk, organisation.pk) in known or not profile.is_live:
                continue
            try:
                created = _create_interest(spec, profile, organisation, accounts, story)
            except Blocked:
                continue
            result.interests_created += created is not None
    return result
