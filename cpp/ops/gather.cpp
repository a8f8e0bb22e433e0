// Placeholder: filled by the gather family.
#include "ops/registry.h"
