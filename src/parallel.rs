//! Work spread over threads in chunks, the results in the order of the input: the same answer as
//! one thread gives, only sooner. Used for reading and for scoring many teams.

/// `work` applied to `items` in `threads` chunks at once (on one thread when `threads` is 1 or
/// there are fewer than `min_items`); the results come back in the items' order.
pub(crate) fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    min_items: usize,
    work: impl Fn(&[T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if threads <= 1 || items.len() < min_items {
        return work(items);
    }
    let chunk = items.len().div_ceil(threads);
    let work = &work;
    std::thread::scope(|s| {
        let handles: Vec<_> = items.chunks(chunk).map(|c| s.spawn(move || work(c))).collect();
        handles.into_iter().flat_map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_come_back_in_order_whatever_the_threads() {
        let items: Vec<u32> = (0..100).collect();
        let double = |c: &[u32]| c.iter().map(|x| x * 2).collect::<Vec<_>>();
        let one = map_chunks(&items, 1, 0, double);
        for threads in [2, 3, 7, 100, 200] {
            assert_eq!(map_chunks(&items, threads, 0, double), one, "{threads} threads");
        }
        assert_eq!(map_chunks(&items[..3], 4, 10, double), vec![0, 2, 4], "below the minimum: one thread");
    }
}
