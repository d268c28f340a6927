using Rtvi.Conformance;

return await ConformanceHost.RunAsync(args);
