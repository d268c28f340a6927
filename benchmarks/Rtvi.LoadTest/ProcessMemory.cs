namespace Rtvi.LoadTest;

/// <summary>A server process's resident set, read from <c>/proc/PID/status</c> (Linux).</summary>
internal static class ProcessMemory
{
    public static long? RssKiB(int? pid)
    {
        if (pid is null || !File.Exists($"/proc/{pid}/status"))
        {
            return null;
        }
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return null;
    }
}
