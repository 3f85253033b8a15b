"""LibCST codemods: one rule per file, registered in migrator.rules."""
