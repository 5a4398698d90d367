// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * d2b_oot: a tiny out-of-tree module for tests/kbuild/oot_module.sh. It has
 * types of its own (structs, a union, an enum, a bitfield, a two-dimensional
 * array), a global exported function and two per-CPU variables, and it uses
 * the kernel's struct task_struct and struct module, so its split BTF must
 * hold its own types and reuse the base (vmlinux) types instead of copying
 * them. It is built, never loaded.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched.h>

enum d2b_oot_state {
	D2B_OOT_IDLE,
	D2B_OOT_BUSY = 7,
};

union d2b_oot_value {
	u32 word;
	u8 bytes[4];
};

struct d2b_oot_point {
	int x;
	int y;
};

struct d2b_oot_item {
	struct list_head node;
	struct d2b_oot_point where;
	unsigned int flags : 3;
	unsigned int kind : 5;
	const char *name;
	u64 stamp;
};

struct d2b_oot_stats {
	unsigned long calls;
	enum d2b_oot_state state;
	union d2b_oot_value last;
	struct d2b_oot_item *recent;
	u8 grid[2][3];
};

DEFINE_PER_CPU(struct d2b_oot_stats, d2b_oot_stats);
DEFINE_PER_CPU(unsigned long, d2b_oot_hits);

static LIST_HEAD(d2b_oot_items);

noinline int d2b_oot_touch(struct d2b_oot_item *item, struct task_struct *task)
{
	struct d2b_oot_stats *st = this_cpu_ptr(&d2b_oot_stats);

	st->calls++;
	st->state = D2B_OOT_BUSY;
	st->last.word = item->flags | (item->kind << 3);
	st->recent = item;
	st->grid[item->kind & 1][item->flags % 3]++;
	this_cpu_inc(d2b_oot_hits);
	list_add(&item->node, &d2b_oot_items);
	return task->pid + item->where.x + item->where.y;
}
EXPORT_SYMBOL_GPL(d2b_oot_touch);

static int __init d2b_oot_init(void)
{
	pr_info("d2b_oot: %s from module %s\n", current->comm, THIS_MODULE->name);
	return 0;
}

static void __exit d2b_oot_exit(void)
{
}

module_init(d2b_oot_init);
module_exit(d2b_oot_exit);
MODULE_DESCRIPTION("dwarf2btf out-of-tree module build test");
MODULE_LICENSE("GPL");
