/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A module's arena kfunc (KF_ARENA_RET): on a base that already has
 * PTR -> TYPE_TAG "address_space(1)" -> void, its split BTF reuses them.
 */
void *bpf_mod_alloc(void *p__map, unsigned int page_cnt)
{
	return page_cnt ? p__map : 0;
}

asm(".pushsection .BTF_ids,\"a\"\n"
    ".local __BTF_ID__set8__mod_kfuncs\n"
    "__BTF_ID__set8__mod_kfuncs:\n"
    ".zero 4\n.long 1\n"
    "__BTF_ID__func__bpf_mod_alloc__1: .zero 4\n.long 0x2000\n"
    ".size __BTF_ID__set8__mod_kfuncs, .-__BTF_ID__set8__mod_kfuncs\n"
    ".popsection\n");
