using System.Runtime.ExceptionServices;

namespace Dashboard.Bench;

/// <summary>
/// Runs a command's training on a thread of its own, as the dashboard's run worker trains. glibc gives the main thread
/// a heap of its own that other threads share only with the heap settings on (see <c>NativeHeap</c>), so a benchmark
/// or soak on the main thread would measure something the dashboard never does.
/// </summary>
public static class WorkerThread
{
    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var worker = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }) { Name = "command worker" };
        worker.Start();
        worker.Join();
        failure?.Throw();
        return result;
    }
}
