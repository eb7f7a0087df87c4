//! Uniform choices from the operating system's cryptographic generator (through `rand::rng()`,
//! a reseeding ChaCha12 seeded from the OS), shared by everything that makes a secret or an
//! identifier. We sample by rejection ourselves instead of `Rng::random_range`, because rand
//! 0.9's single-sample path (Canon's method) keeps a tiny bias unless a crate feature is on, and
//! a secret's characters should be exactly uniform.

use rand::RngCore;

/// A uniform index in `0..n`; `n` must be non-zero.
pub(crate) fn below<R: RngCore + ?Sized>(rng: &mut R, n: usize) -> usize {
    debug_assert!(n > 0 && n <= u32::MAX as usize);
    let n = n as u32;
    // Draws at or above the largest multiple of `n` would favour the low residues: redraw them.
    let zone = u32::MAX - (u32::MAX - n + 1) % n;
    loop {
        let x = rng.next_u32();
        if x <= zone {
            return (x % n) as usize;
        }
    }
}

/// One byte of `set`, uniformly.
pub(crate) fn pick<R: RngCore + ?Sized>(rng: &mut R, set: &[u8]) -> u8 {
    set[below(rng, set.len())]
}

/// Fisher–Yates with the unbiased index above, so the places of required character classes in a
/// generated secret carry no pattern.
pub(crate) fn shuffle<R: RngCore + ?Sized, T>(rng: &mut R, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = below(rng, i + 1);
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::rngs::StdRng;
    use rand::SeedableRng;

    #[test]
    fn below_stays_in_range_and_reaches_every_value() {
        let mut rng = StdRng::seed_from_u64(7);
        for n in [1usize, 2, 3, 10, 62, 1000] {
            let mut seen = vec![false; n];
            for _ in 0..n * 50 {
                let i = below(&mut rng, n);
                assert!(i < n);
                seen[i] = true;
            }
            assert!(seen.iter().all(|s| *s), "n = {n}");
        }
    }

    #[test]
    fn below_is_roughly_uniform() {
        let mut rng = StdRng::seed_from_u64(11);
        let mut counts = [0u32; 62];
        for _ in 0..62_000 {
            counts[below(&mut rng, 62)] += 1;
        }
        // 1000 expected per bucket; a bias or an off-by-one would show far outside this band.
        assert!(counts.iter().all(|c| (850..1150).contains(c)), "{counts:?}");
    }

    #[test]
    fn shuffle_keeps_the_elements() {
        let mut rng = StdRng::seed_from_u64(3);
        let mut v: Vec<u32> = (0..100).collect();
        shuffle(&mut rng, &mut v);
        let mut sorted = v.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
        assert_ne!(v, sorted);
    }
}
