/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A kfunc set as the kernel lays it out in .BTF_ids: bpf_foo and bpf_fast
 * (with KF_FASTCALL, 1 << 12) in a set flagged BTF_SET8_KFUNCS, and
 * not_a_kfunc in a set without the flag.
 */
/* what the kernel's BTF_SET8_START/BTF_ID_FLAGS/BTF_SET8_END macros emit */
int bpf_foo(int x)
{
	return x + 1;
}
int bpf_fast(int x)
{
	return x + 2;
}
int not_a_kfunc(int x)
{
	return x + 3;
}
asm(".pushsection .BTF_ids,\"a\"\n"
    ".local __BTF_ID__set8__my_kfuncs\n"
    "__BTF_ID__set8__my_kfuncs:\n"
    ".zero 4\n.long 1\n"
    "__BTF_ID__func__bpf_foo__1: .zero 4\n.long 0\n"
    "__BTF_ID__func__bpf_fast__2: .zero 4\n.long 4096\n"
    ".size __BTF_ID__set8__my_kfuncs, .-__BTF_ID__set8__my_kfuncs\n"
    ".local __BTF_ID__set8__not_kfuncs\n"
    "__BTF_ID__set8__not_kfuncs:\n"
    ".zero 4\n.long 0\n"
    "__BTF_ID__func__not_a_kfunc__3: .zero 4\n.long 0\n"
    ".size __BTF_ID__set8__not_kfuncs, .-__BTF_ID__set8__not_kfuncs\n"
    ".popsection\n");
