using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Affinity.Server.Hosting;

/// <summary>
/// Request counts and latency histograms per endpoint, written in the Prometheus text exposition
/// format (version 0.0.4, <c>text/plain; version=0.0.4</c>) by <see cref="Write"/>. Lock-free counters;
/// one series per method, route template and status code, so ids in paths never multiply series.
/// </summary>
internal sealed class ServerMetrics
{
    /// <summary>Histogram bucket upper bounds in seconds, as the Prometheus client libraries' defaults.</summary>
    private static readonly double[] Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Method, string Route, int Status), long[]> _requests = new();
    private readonly ConcurrentDictionary<(string Method, string Route), Histogram> _latency = new();

    public void Record(string method, string route, int status, double seconds)
    {
        Interlocked.Increment(ref _requests.GetOrAdd((method, route, status), static _ => new long[1])[0]);
        _latency.GetOrAdd((method, route), static _ => new Histogram()).Observe(seconds);
    }

    /// <summary>Writes every series, plus the gauges and counters the caller adds.</summary>
    public void Write(StringBuilder text)
    {
        text.Append("# HELP affinity_http_requests_total HTTP requests by method, route template and status code.\n");
        text.Append("# TYPE affinity_http_requests_total counter\n");
        foreach (var ((method, route, status), count) in _requests.OrderBy(p => p.Key.Route, StringComparer.Ordinal).ThenBy(p => p.Key.Method, StringComparer.Ordinal).ThenBy(p => p.Key.Status))
        {
            text.Append(CultureInfo.InvariantCulture, $"affinity_http_requests_total{{method=\"{method}\",route=\"{Escape(route)}\",status=\"{status}\"}} {Interlocked.Read(ref count[0])}\n");
        }

        text.Append("# HELP affinity_http_request_duration_seconds HTTP request latency by method and route template.\n");
        text.Append("# TYPE affinity_http_request_duration_seconds histogram\n");
        foreach (var ((method, route), histogram) in _latency.OrderBy(p => p.Key.Route, StringComparer.Ordinal).ThenBy(p => p.Key.Method, StringComparer.Ordinal))
        {
            histogram.Write(text, $"method=\"{method}\",route=\"{Escape(route)}\"");
        }
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Length + 1];
        private long _sumMicroseconds;

        public void Observe(double seconds)
        {
            var bucket = Array.BinarySearch(Buckets, seconds);
            Interlocked.Increment(ref _counts[bucket >= 0 ? bucket : ~bucket]);
            Interlocked.Add(ref _sumMicroseconds, (long)(seconds * 1e6));
        }

        public void Write(StringBuilder text, string labels)
        {
            long cumulative = 0;
            for (var b = 0; b < Buckets.Length; b++)
            {
                cumulative += Interlocked.Read(ref _counts[b]);
                text.Append(CultureInfo.InvariantCulture, $"affinity_http_request_duration_seconds_bucket{{{labels},le=\"{Buckets[b]}\"}} {cumulative}\n");
            }

            cumulative += Interlocked.Read(ref _counts[^1]);
            text.Append(CultureInfo.InvariantCulture, $"affinity_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {cumulative}\n");
            text.Append(CultureInfo.InvariantCulture, $"affinity_http_request_duration_seconds_sum{{{labels}}} {Interlocked.Read(ref _sumMicroseconds) / 1e6}\n");
            text.Append(CultureInfo.InvariantCulture, $"affinity_http_request_duration_seconds_count{{{labels}}} {cumulative}\n");
        }
    }
}
