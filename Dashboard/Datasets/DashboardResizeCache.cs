using Dashboard.Configuration;
using Dashboard.Training.Data;
using Microsoft.Extensions.Options;

namespace Dashboard.Datasets;

/// <summary>
/// The process's one resize cache, in the data folder's <c>resized/</c> (so that its size limit counts every copy this
/// process writes), or none when <see cref="DashboardOptions.ResizeCacheMegabytes"/> is 0. Runs read through it; the
/// Datasets page shows and clears it.
/// </summary>
public sealed class DashboardResizeCache(DashboardPaths paths, IOptions<DashboardOptions> options)
{
    public ResizeCache? Cache { get; } = options.Value.ResizeCacheMegabytes > 0
        ? new ResizeCache(new ResizeCacheOptions { Folder = paths.ResizeCache, MaxMegabytes = options.Value.ResizeCacheMegabytes })
        : null;
}
