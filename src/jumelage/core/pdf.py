"""PDF documents in any of the three languages (fpdf2 with the bundled DejaVu fonts).

DejaVu Sans covers Latin with French accents and Cyrillic, and ships inside the package
(Bitstream Vera licence, see fonts/LICENSE-DejaVu.txt), so a PDF needs no system font.
"""

from __future__ import annotations

from importlib import resources

from fpdf import FPDF


def new_document(*, title: str) -> FPDF:
    """An A4 portrait document with the DejaVu family registered as "dejavu"."""
    fonts = resources.files("jumelage.core").joinpath("fonts")
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.add_font("dejavu", "", str(fonts.joinpath("DejaVuSans.ttf")))
    pdf.add_font("dejavu", "B", str(fonts.joinpath("DejaVuSans-Bold.ttf")))
    pdf.set_title(title)
    pdf.set_creator("Jumelage")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("dejavu", size=11)
    return pdf
