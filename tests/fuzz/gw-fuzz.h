/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

/* Each fuzz-NAME.c defines the libFuzzer entry point; replay.c calls it
 * on saved inputs so that every corpus is also a regression test. */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
