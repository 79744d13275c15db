"""Reports and exchange files: the ledger spreadsheet, the item's progress timeline."""
