/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bpf_arena kfuncs as the kernel declares them (kernel/bpf/arena.c) and
 * lists them in .BTF_ids (see ../kfuncs.c): a set flagged BTF_SET8_KFUNCS
 * whose entries carry KF_ARENA_RET (1 << 13), KF_ARENA_ARG1 (1 << 14),
 * KF_ARENA_ARG2 (1 << 15). bpf_arena_fill's pointer is a char *, so its
 * attribute is a second TYPE_TAG; bpf_plain is a kfunc without arena flags;
 * not_a_kfunc has the prototype of bpf_arena_free_pages, which therefore
 * gets a new one while not_a_kfunc keeps the old.
 */
void *bpf_arena_alloc_pages(void *p__map, void *addr__ign, unsigned int page_cnt, int node_id,
			    unsigned long long flags)
{
	return page_cnt ? addr__ign : p__map;
}

void bpf_arena_free_pages(void *p__map, void *ptr__ign, unsigned int page_cnt)
{
}

void not_a_kfunc(void *p__map, void *ptr__ign, unsigned int page_cnt)
{
}

int bpf_arena_fill(char *dst, int c)
{
	return *dst = c;
}

int bpf_plain(void *p)
{
	return !p;
}

asm(".pushsection .BTF_ids,\"a\"\n"
    ".local __BTF_ID__set8__arena_kfuncs\n"
    "__BTF_ID__set8__arena_kfuncs:\n"
    ".zero 4\n.long 1\n"
    "__BTF_ID__func__bpf_arena_alloc_pages__1: .zero 4\n.long 0xa000\n"
    "__BTF_ID__func__bpf_arena_free_pages__2: .zero 4\n.long 0x8000\n"
    "__BTF_ID__func__bpf_arena_fill__3: .zero 4\n.long 0x4000\n"
    "__BTF_ID__func__bpf_plain__4: .zero 4\n.long 0\n"
    ".size __BTF_ID__set8__arena_kfuncs, .-__BTF_ID__set8__arena_kfuncs\n"
    ".popsection\n");
