FROM amazonlinux:2
RUN yum install -y git-2.40.1 && yum clean all
