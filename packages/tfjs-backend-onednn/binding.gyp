{
  "targets": [
    {
      "target_name": "ctf_onednn",
      "sources": [
        "native/addon.cc",
        "native/context.cc",
        "native/conv.cc",
        "native/pool.cc",
        "native/batchnorm.cc",
        "native/eltwise.cc",
        "native/layout.cc",
        "native/matmul.cc",
        "native/reduce.cc",
        "native/optim.cc",
        "native/bnrelu.cc",
        "native/bn-loops.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti"],
      "cflags_cc": ["-std=c++17", "-O3", "-fno-math-errno", "-fno-trapping-math", "-ffp-contract=off", "-fopenmp"],
      "libraries": ["-ldnnl", "-fopenmp"],
      "conditions": [
        ["OS=='mac'", {
          "include_dirs": ["<!(node -p \"(process.env.ONEDNN_ROOT || require('child_process').execSync('brew --prefix onednn 2>/dev/null || echo /usr/local').toString().trim()) + '/include'\")"],
          "libraries": ["-L<!(node -p \"(process.env.ONEDNN_ROOT || require('child_process').execSync('brew --prefix onednn 2>/dev/null || echo /usr/local').toString().trim()) + '/lib'\")", "-Wl,-rpath,<!(node -p \"(process.env.ONEDNN_ROOT || require('child_process').execSync('brew --prefix onednn 2>/dev/null || echo /usr/local').toString().trim()) + '/lib'\")"],
          "cflags_cc!": ["-fopenmp"],
          "libraries!": ["-fopenmp"],
          "xcode_settings": {
            "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
            "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
            "GCC_OPTIMIZATION_LEVEL": "3",
            "OTHER_CPLUSPLUSFLAGS": ["-ffp-contract=off", "-fno-math-errno"],
            "MACOSX_DEPLOYMENT_TARGET": "11.0"
          }
        }],
        ["OS=='linux'", {
          "conditions": [
            ["'<!(node -p \"process.env.ONEDNN_ROOT || ''\")'!=''", {
              "include_dirs": ["<!(node -p \"process.env.ONEDNN_ROOT\")/include"],
              "libraries": ["-L<!(node -p \"process.env.ONEDNN_ROOT\")/lib", "-Wl,-rpath,<!(node -p \"process.env.ONEDNN_ROOT\")/lib"]
            }]
          ]
        }]
      ]
    }
  ]
}
