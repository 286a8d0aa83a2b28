"""Word endnotes for python-docx, which writes paragraphs, tables and pictures but no notes: the endnotes part
(`word/endnotes.xml`, with the two separator notes Word expects) related to the document, and a superscript
reference run per cited note. A council's template that already has the part keeps it."""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
EMPTY = (f'<w:endnotes xmlns:w="{W}">'
         '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
         '<w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
         '</w:endnote></w:endnotes>')


class Endnotes:
    """The document's endnotes: `cite(paragraph, text)` adds a note and its reference at the paragraph's end."""

    def __init__(self, document):
        found = [rel for rel in document.part.rels.values() if rel.reltype == RT.ENDNOTES]
        if not found:
            part = XmlPart(PackURI("/word/endnotes.xml"), CONTENT_TYPE, parse_xml(EMPTY), document.part.package)
            document.part.relate_to(part, RT.ENDNOTES)
        elif not isinstance(part := found[0].target_part, XmlPart):  # python-docx reads it as bytes: make it XML
            part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
            found[0]._target = part
        self.element = part.element
        ids = [int(note.get(f"{{{W}}}id")) for note in self.element.findall(f"{{{W}}}endnote")]
        self.next_id = max([0, *ids]) + 1

    def cite(self, paragraph, text: str) -> int:
        number = self.next_id
        self.next_id += 1
        reference = paragraph.add_run()._r
        reference.append(parse_xml(f'<w:rPr xmlns:w="{W}"><w:vertAlign w:val="superscript"/></w:rPr>'))
        reference.append(parse_xml(f'<w:endnoteReference xmlns:w="{W}" w:id="{number}"/>'))
        self.element.append(parse_xml(
            f'<w:endnote xmlns:w="{W}" w:id="{number}"><w:p>'
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteRef/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:endnote>'))
        return number
