from dashboard.writer.cli import app

app(prog_name="python -m dashboard")
