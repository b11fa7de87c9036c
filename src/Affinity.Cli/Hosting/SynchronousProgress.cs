namespace Affinity.Cli.Hosting;

/// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread at once (the BCL's Progress posts to the thread pool, so a finished run could still receive stale reports).</summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
