/* SPDX-License-Identifier: MIT */
#ifndef TRISTACK_VERSION_H
#define TRISTACK_VERSION_H

#define TRISTACK_VERSION "0.1"

#endif
