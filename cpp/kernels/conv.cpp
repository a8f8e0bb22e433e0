// Placeholder: filled by the conv family.
