// Placeholder: filled by the manipulation family.
#include "ops/registry.h"
