// libtorch's random generator and thread pool are process-wide: tests that train run one at a time,
// so seeded results are reproducible and the two cores are not oversubscribed.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
