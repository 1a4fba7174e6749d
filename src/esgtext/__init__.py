"""esgtext: repair, language-tag and translate multilingual press releases."""

__version__ = "0.1.0"
