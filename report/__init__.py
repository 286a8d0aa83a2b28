"""The programme's yearly report, written from the data: `figures` gathers each number with its trace, `text`
writes the section in the council's own manner (Ukrainian first), `render` turns it into Markdown, HTML or
DOCX with a note per figure, `charts` draws a static chart per section."""
