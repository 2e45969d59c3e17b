"""Spanish as people in El Paso, Ciudad Juárez and the rest of Mexico and the US read it:
"$48,000", "1,000", "$600.50" (Django's own `es` writes "48 000" and "600,50"). Everything
else (dates, first day of the week) comes from Django's `es` formats."""

DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
