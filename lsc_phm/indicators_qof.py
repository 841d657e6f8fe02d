"""Registry entries for QOF recorded prevalence: one indicator per disease register of the Quality and Outcomes
Framework: patients on the register over the practice list, from NHS England's published QOF prevalence files.

:mod:`lsc_phm.indicators` assembles these into the one registry.
"""

from __future__ import annotations

from lsc_phm.indicator_model import Indicator

_QOF = ("qof_2022_23_prevalence", "qof_2024_25_prevalence", "qof_2022_23_mapping", "gp_practice_map_jul2026")


#: QOF disease registers: group code -> (name, register definition, Core20PLUS5 area)
QOF_GROUPS: dict[str, tuple[str, str, str]] = {
    "HYP": ("Hypertension", "patients with established hypertension, all ages", "Hypertension case-finding"),
    "AST": (
        "Asthma (6+)",
        "patients aged 6+ with asthma treated in the last 12 months",
        "Chronic respiratory disease; CYP asthma",
    ),
    "COPD": ("COPD", "patients with chronic obstructive pulmonary disease, all ages", "Chronic respiratory disease"),
    "DM": ("Diabetes (17+)", "patients aged 17+ with diabetes mellitus", "CYP diabetes (adult register only)"),
    "EP": ("Epilepsy (18+)", "patients aged 18+ with epilepsy on drug treatment", "CYP epilepsy (adult register only)"),
    "MH": (
        "Severe mental illness",
        "patients with schizophrenia, bipolar affective disorder or other psychoses",
        "Severe mental illness",
    ),
    "DEP": ("Depression (18+)", "patients aged 18+ with depression recorded since April 2006", "Mental health"),
    "CAN": ("Cancer", "patients with a cancer diagnosis since April 2003", "Early cancer diagnosis (context only)"),
    "CHD": ("Coronary heart disease", "patients with coronary heart disease, all ages", ""),
    "AF": ("Atrial fibrillation", "patients with atrial fibrillation, all ages", ""),
    "HF": ("Heart failure", "patients with heart failure, all ages", ""),
    "STIA": ("Stroke and TIA", "patients with stroke or transient ischaemic attack, all ages", ""),
    "CKD": ("Chronic kidney disease (18+)", "patients aged 18+ with CKD stages 3a to 5", ""),
    "OB": ("Obesity (18+)", "patients aged 18+ with BMI of 30 or more in the last 12 months", ""),
    "DEM": ("Dementia", "patients with dementia, all ages", ""),
    "LD": ("Learning disability", "patients with a learning disability, all ages", ""),
    "NDH": ("Non-diabetic hyperglycaemia (18+)", "patients aged 18+ with non-diabetic hyperglycaemia", ""),
    "PAD": ("Peripheral arterial disease", "patients with peripheral arterial disease, all ages", ""),
    "OST": ("Osteoporosis (50+)", "patients aged 50+ with osteoporosis and a fragility fracture", ""),
    "RA": ("Rheumatoid arthritis (16+)", "patients aged 16+ with rheumatoid arthritis", ""),
    "PC": ("Palliative care", "patients on the palliative care register, all ages", ""),
}


def _qof(code: str) -> Indicator:
    name, register, area = QOF_GROUPS[code]
    return Indicator(
        id=f"qof_{code.lower()}",
        name=f"{name}: QOF recorded prevalence",
        theme="Core20PLUS5 clinical areas (QOF)",
        definition=(
            f"Percentage of registered patients on the QOF register of {register}, over the practice list "
            "(age-restricted list where the register is age-restricted). Crude recorded prevalence, not "
            "age-standardised."
        ),
        unit="%",
        value_type="proportion",
        polarity="no_judgement",
        sources=_QOF,
        ci_method="wilson",
        notes=(
            "Recorded prevalence reflects case-finding as well as disease: higher can mean better detection. "
            "Available for GP practices, PCNs, sub-ICBs, ICBs and England (no practice-to-LSOA file is in the data, "
            "so QOF cannot be mapped at ward or district level)."
        ),
        core20plus5=area,
        decimals=2,
        tags=("practice",),
    )


QOF: tuple[Indicator, ...] = tuple(_qof(code) for code in QOF_GROUPS)
