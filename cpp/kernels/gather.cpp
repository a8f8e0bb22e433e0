// Placeholder: filled by the gather family.
