//! argon2's working memory, kept per thread and backed by huge pages where Linux allows it:
//! the cost of a hash is the hash, not the page faults of a fresh 19 MiB allocation.

use argon2::Argon2;

/// Runs `f` with argon2's working memory for `hasher`'s parameters (`memory_kib`, 19 MiB by
/// default), kept per thread and reused rather than allocated per hash: a bulk import hashes
/// thousands of pass codes on every core, and fresh allocations of that size cost page faults on
/// each hash and, in the allocator's per-thread arenas, hundreds of MiB of resident memory
/// (issue #7). The memory is backed by huge pages where the system allows it (see
/// [`advise_huge_pages`]).
pub(super) fn with_memory<T>(hasher: &Argon2, f: impl FnOnce(&mut [argon2::Block]) -> T) -> T {
    thread_local! {
        static BLOCKS: std::cell::RefCell<Vec<argon2::Block>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    BLOCKS.with(|blocks| {
        let mut blocks = blocks.borrow_mut();
        let n = hasher.params().block_count();
        if blocks.len() > n {
            blocks.truncate(n);
            blocks.shrink_to_fit();
        }
        if blocks.capacity() < n {
            let mut fresh: Vec<argon2::Block> = Vec::with_capacity(n);
            advise_huge_pages(
                fresh.as_mut_ptr().cast(),
                n * std::mem::size_of::<argon2::Block>(),
            );
            *blocks = fresh;
        }
        blocks.resize(n, argon2::Block::default());
        f(&mut blocks[..])
    })
}

/// Asks Linux to back a fresh, untouched allocation with transparent huge pages (2 MiB) rather
/// than 4 KiB pages. Every `tokenadm auth` is a new process whose one argon2 run touches 19 MiB
/// for the first time: about 4,900 page faults with small pages. Measured here, `auth` took 49 ms
/// with small pages and 29 to 34 ms with huge pages (issue #7: `auth` within 5 ms of one hash and
/// the start-up floor, 25 + 3 ms). Only a hint: where transparent huge pages are off, or on other
/// systems, nothing changes.
#[cfg(target_os = "linux")]
fn advise_huge_pages(ptr: *mut u8, len: usize) {
    const PAGE: usize = 4096;
    let start = (ptr as usize).next_multiple_of(PAGE);
    let end = (ptr as usize + len) / PAGE * PAGE;
    if end > start {
        // SAFETY: [start, end) lies inside an allocation this thread owns and has not yet
        // written; MADV_HUGEPAGE only says how to back it and never changes its contents or
        // validity. A failure (EINVAL where huge pages are unsupported) is harmless.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge_pages(_ptr: *mut u8, _len: usize) {}
