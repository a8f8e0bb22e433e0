// Placeholder: filled by the nn family.
#include "ops/registry.h"
