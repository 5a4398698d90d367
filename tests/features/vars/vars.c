// SPDX-License-Identifier: GPL-2.0-only
/*
 * Variables whose defining DIE names nothing itself: a declaration first,
 * then the definition (gcc: DW_AT_specification; with -flto the located DIE
 * also goes through DW_AT_abstract_origin). vars_test.sh adds zero-size
 * symbols at the places of pcpu_hot and sgx_epc_sections, as 6.12's linker
 * script gives const_pcpu_hot and lockdep keys give __key.N.
 */
struct hot {
	int a;
	long b;
};

extern struct hot pcpu_hot __attribute__((section(".data..percpu")));
__attribute__((section(".data..percpu"), aligned(64), used)) struct hot pcpu_hot = {1, 2};

extern int counter;
__attribute__((used)) int counter = 5;

/* the declaration's type is incomplete, the definition's is not */
extern const char banner[];
__attribute__((used)) const char banner[] = "hi";

struct key {
	int x;
};
__attribute__((used, section(".data.keys"))) static struct key sgx_epc_sections = {3};

/* names pahole leaves out */
__attribute__((used)) int __UNIQUE_ID_thing12 = 1;
__attribute__((used)) const char __tpstrtab_bar[] = "bar";
__attribute__((used)) long __exitcall_fini = 2;
__attribute__((used)) void *__gendwarfksyms_ptr_foo = &counter;
__attribute__((used)) int __func_stack_frame_non_standard_baz = 4;

int use(void)
{
	return pcpu_hot.a + counter + sgx_epc_sections.x + banner[0];
}

int main(void)
{
	return use();
}
