"""The supervision bulletin (督查通报): ``content`` (what it says, from the data), ``docx`` (how it looks)."""
