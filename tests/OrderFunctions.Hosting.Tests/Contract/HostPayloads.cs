namespace OrderFunctions.Hosting.Tests.Contract;

/// <summary>Request bodies as the Functions host sends them (reference: functions-custom-handler.md §3).</summary>
internal static class HostPayloads
{
    /// <summary>The reference's composed queue example, verbatim: message and ids double-encoded, DequeueCount as a
    /// string, dates once, "…" where the reference elides a value.</summary>
    public const string QueueFromHostCode = """
        {"Data":{"msg":"\"{\\\"orderId\\\":42}\""},
         "Metadata":{"DequeueCount":"1","Id":"\"3f2c…\"","PopReceipt":"\"AgAAAA…\"",
          "ExpirationTime":"2026-01-08T10:00:00+00:00","InsertionTime":"…","NextVisibleTime":"…",
          "sys":{"MethodName":"ProcessOrder","UtcNow":"…","RandGuid":"…"}}}
        """;

    /// <summary>The same message as the docs show it: encoded once, DequeueCount a number, Id unquoted.</summary>
    public const string QueueFromDocs = """
        {"Data":{"msg":"{\"orderId\":42}"},
         "Metadata":{"DequeueCount":1,"Id":"3f2c…","PopReceipt":"AgAAAA…",
          "ExpirationTime":"2026-01-08T10:00:00+00:00","InsertionTime":"2026-01-01T10:00:00+00:00",
          "NextVisibleTime":"2026-01-01T10:00:30+00:00","sys":{"MethodName":"ProcessOrder"}}}
        """;

    /// <summary>A timer with the schedule monitor on (TimerInfo through JObject.FromObject: a nested object).</summary>
    public const string TimerWithScheduleStatus = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},
          "ScheduleStatus":{"Last":"2026-01-08T09:55:00+00:00","Next":"2026-01-08T10:00:00+00:00","LastUpdated":"2026-01-08T09:55:00.1234567+00:00"},
          "IsPastDue":false}},
         "Metadata":{"sys":{"MethodName":"Heartbeat","UtcNow":"2026-01-08T10:00:00.01Z","RandGuid":"6c1c0a1e-3f7e-4bb4-9a55-4d2ac8a57e0e"}}}
        """;

    /// <summary>A timer with useMonitor=false: ScheduleStatus is null.</summary>
    public const string TimerWithoutScheduleStatus = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":true}},
         "Metadata":{"sys":{"MethodName":"Heartbeat","UtcNow":"2026-01-08T10:00:00.01Z","RandGuid":"6c1c0a1e-3f7e-4bb4-9a55-4d2ac8a57e0e"}}}
        """;

    public static string Queue(string encodedMessage, string dequeueCount = "\"1\"") =>
        $$$"""{"Data":{"msg":{{{encodedMessage}}}},"Metadata":{"DequeueCount":{{{dequeueCount}}},"Id":"\"m-1\""}}""";
}
