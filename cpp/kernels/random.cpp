// Placeholder: filled by the random family.
