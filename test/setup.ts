// No test may reach real AWS: the SDK's default credential chain would otherwise probe the instance-metadata address.
process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_ACCESS_KEY_ID = 'AKIAFAKEFAKEFAKEFAKE';
process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret-for-tests';
process.env.AWS_REGION ??= 'us-east-1';
delete process.env.AWS_PROFILE;
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
